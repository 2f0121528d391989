//! The resolved kit model.
