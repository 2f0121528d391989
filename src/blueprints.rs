//! The embedded blueprints (templates of the kit) and the `--blueprints DIR` override.
