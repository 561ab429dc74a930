// zlib from Debian's zlib1g-dev (installed by script/bootstrap): deflated pages (PROTOCOL.md, *Deflated pages*).
#include <zlib.h>
