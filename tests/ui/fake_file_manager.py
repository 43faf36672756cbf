"""A stand-in for the desktop's file manager on a D-Bus session bus: it owns
org.freedesktop.FileManager1 and writes each ShowItems call (the URIs, a tab, the startup id)
to the log named by its first argument. Run as a program by the tests; prints "ready" once it
answers."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QObject, Slot
from PySide6.QtDBus import QDBusConnection

NAME = "org.freedesktop.FileManager1"


class FileManager(QObject):
    def __init__(self, log: str) -> None:
        super().__init__()
        self.log = log

    @Slot("QStringList", str)
    def ShowItems(self, uris: list[str], startup_id: str) -> None:  # noqa: N802 - D-Bus's name
        with open(self.log, "a", encoding="utf-8") as out:
            out.write(" ".join(uris) + "\t" + startup_id + "\n")


def main() -> int:
    app = QCoreApplication([])
    manager = FileManager(sys.argv[1])
    bus = QDBusConnection.sessionBus()
    exported = bus.registerObject(
        "/org/freedesktop/FileManager1",
        NAME,
        manager,
        QDBusConnection.RegisterOption.ExportAllSlots,
    )
    if not (exported and bus.registerService(NAME)):
        print(f"could not serve {NAME}: {bus.lastError().message()}", flush=True)
        return 1
    print("ready", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
