"""Usage: what reps did (SPEC §3), recorded locally, sent to a central store, read back.

`events` (what an event is, its one stored form), `identity`, `log` on `local_db` (the local
SQLite log), `settler` (searching as you type); `targets` (where a store is), `central_schema`,
`sync` with `sync_folder` and `sync_database` (exactly once); `store` (reading back).
"""
