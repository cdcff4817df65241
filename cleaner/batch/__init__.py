"""Running the cleaner over files and JSON Lines streams: planning, atomic writes, parallel work."""
