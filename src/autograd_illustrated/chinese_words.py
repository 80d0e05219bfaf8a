"""Chinese text cut into words by jieba, with the project's dictionary (计算图, 叶子节点 …).

One tokenizer per process, built on first use (about 0.9 s) and kept here rather than in a
MkDocs hook, whose module static-i18n loads afresh for each language. A tokenizer of our
own, not jieba's shared default, so the words never depend on what else used jieba first.
"""

from __future__ import annotations

import functools
from pathlib import Path

USER_DICT = Path(__file__).resolve().parents[2] / "i18n" / "jieba_user_dict.txt"


@functools.cache
def tokenizer():
    import jieba

    jieba.setLogLevel(60)
    built = jieba.Tokenizer()
    built.load_userdict(str(USER_DICT))
    return built


@functools.cache  # a site repeats its navigation, header and footer on every page
def cut(text: str) -> tuple[str, ...]:
    """The words of ``text``, without the whitespace between them."""
    return tuple(word for word in tokenizer().cut(text) if word.strip())
