"""Question packs: the model, the YAML front door and validator, reading, the cache, the library."""
