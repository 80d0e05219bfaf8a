"""Build failures about a page name the page's file and line.

The work is in :mod:`autograd_illustrated.sourcelines`; this hook only wires it in:
MkDocs' link warnings get ``docs/<page>:LINE``, and an include of a missing file or
section stops the build with ``docs/<page>:LINE`` before anything else reads the pages.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from autograd_illustrated.mkdocs_config import later_language_build, project_root
from autograd_illustrated.prebuild import PrebuildError, check_includes
from autograd_illustrated.sourcelines import install_link_locator, missing_includes


def _snippet_options(config) -> dict:
    return config.mdx_configs.get("pymdownx.snippets", {})


def _bases(config) -> list[Path]:
    bases = _snippet_options(config).get("base_path", ["."])
    return [project_root(config) / base for base in ([bases] if isinstance(bases, str) else bases)]


def _shown(config, path: Path) -> str:
    return path.resolve().relative_to(project_root(config)).as_posix()


def _fail_on(problems: list[str]) -> None:
    if problems:
        raise PluginError("\n".join(problems))


def on_config(config):
    install_link_locator(project_root(config), Path(config.docs_dir), Path(config.config_file_path))
    return config


@event_priority(100)  # before the snippet runner and the notebook writer read the pages
def on_pre_build(config) -> None:
    if not _snippet_options(config).get("check_paths") or later_language_build(config):
        return  # every language's pages were checked by the first language's build
    try:  # not yet under generated/: the runner may not have written those yet
        check_includes(project_root(config), Path(config.docs_dir), _bases(config))
    except PrebuildError as exc:
        raise PluginError(str(exc)) from None


def on_page_markdown(markdown, page, config, files):
    if _snippet_options(config).get("check_paths") and page.file.abs_src_path:
        source = Path(page.file.abs_src_path)
        _fail_on(missing_includes(source, _bases(config), _shown(config, source)))
    return markdown
