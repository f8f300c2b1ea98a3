#!/usr/bin/env python3
"""A tiny GTK 3 window that offers files as a drag source (text/uri-list).

Used by the e2e test for one real X drag-and-drop: the test moves the mouse
from this window onto the app with xdotool. Usage:

    drag_source.py X Y FILE...

The window is placed at (X, Y), 200x120 pixels; it prints "ready" once shown.
"""
import sys
from pathlib import Path

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("Gdk", "3.0")
from gi.repository import Gdk, Gtk  # noqa: E402


def main():
    x, y = int(sys.argv[1]), int(sys.argv[2])
    uris = [Path(p).resolve().as_uri() for p in sys.argv[3:]]
    win = Gtk.Window(title="tomtat drag source")
    win.set_default_size(200, 120)
    win.move(x, y)
    box = Gtk.EventBox()
    box.add(Gtk.Label(label="drag me"))
    win.add(box)
    box.drag_source_set(
        Gdk.ModifierType.BUTTON1_MASK,
        [Gtk.TargetEntry.new("text/uri-list", 0, 0)],
        Gdk.DragAction.COPY,
    )

    def on_get(_w, _ctx, data, _info, _time):
        data.set_uris(uris)

    box.connect("drag-data-get", on_get)
    box.connect("drag-end", lambda *_: print("drag-end", flush=True))
    win.connect("destroy", Gtk.main_quit)

    def shown(*_):
        print("ready", flush=True)

    win.connect("map-event", shown)
    win.show_all()
    Gtk.main()


if __name__ == "__main__":
    main()
