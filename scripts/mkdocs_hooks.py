"""The MkDocs adapter: validate the data, hand the package's site plan to MkDocs, and add the
generated pages' search entries. Everything MkDocs-specific lives here.

Validation and the whole plan run in on_pre_build, before MkDocs cleans the output folder, so bad
data (or a bug of ours) fails the build with located errors and leaves the previous site untouched.
A failure later, inside MkDocs' own rendering, can still leave the folder half-built:
`lipsteeth build` (`make build`) builds into a temporary folder and swaps it in only on success.
"""

import json
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from lipsteeth.errors import DataError
from lipsteeth.render.embed import PLACEHOLDER, expand_placeholders, unknown_placeholders
from lipsteeth.render.searchindex import merge
from lipsteeth.site import answer_once, drawings_once, load_once, plan


def _data_dir(config) -> Path:
    return Path(config.config_file_path).parent / "data"


def on_pre_build(config):
    try:
        plan(_data_dir(config))
    except DataError as exc:
        raise PluginError("\n" + exc.report()) from None


def on_files(files, config):
    for path, content in plan(_data_dir(config)).items():
        files.append(File.generated(config, path, content=content))
    return files


def on_page_markdown(markdown, page, config, files):
    if not PLACEHOLDER.search(markdown):
        return markdown
    unknown = unknown_placeholders(markdown)
    if unknown:
        raise PluginError(f"{page.file.src_uri}: no chart or fragment for {', '.join(unknown)}")
    data = _data_dir(config)
    return expand_placeholders(markdown, page.file.src_uri, drawings_once(data), load_once(data), answer_once(data))


def on_post_build(config):
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.exists():
        merged = merge(json.loads(index.read_text(encoding="utf-8")), load_once(_data_dir(config)))
        index.write_text(json.dumps(merged, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
