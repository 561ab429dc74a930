// libuv from Debian's libuv1-dev (installed by script/bootstrap).
#include <uv.h>
