"""Lips and Teeth: a checkable record of China–North Korea high-level contact."""
