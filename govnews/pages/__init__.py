"""Page objects: what a page holds, extracted from a response with no engine running."""
