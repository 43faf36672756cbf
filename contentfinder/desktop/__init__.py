"""The library on the rep's desktop: handing an asset to their viewer and file manager."""
