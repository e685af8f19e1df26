"""digest: turn raw news articles into a cross-linked static news-digest site."""

__version__ = "0.1.0"
