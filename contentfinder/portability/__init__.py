"""What differs between Windows, macOS and Linux, and between file systems (a local disk, an SMB
share, a FAT stick): each difference behind one small function with its fallback, so that the
rest of the code makes the same call everywhere.

- `processes`: lowering a process's priority; whether a process is still alive.
- `filesystem`: giving a file a name only if nobody has it (hard link, else an exclusive
  placeholder); permission bits where the file system keeps them; a durable rename.
- `names`: what a Windows laptop cannot open (forbidden characters, reserved names, trailing
  dots and spaces, paths past MAX_PATH, names only the case tells apart) and extended-length
  paths for the ones it can.

Opening and revealing files per platform lives in `contentfinder.desktop.viewer`, the data
folder in `contentfinder.config`, the catalog lock (mkdir-based, for shares) in
`contentfinder.library.catalog_lock`.
"""
