//! Rendering: the resolved kit model to a map of relative path → file contents.
