// ReadError is header-only; this unit anchors the readers library until its first reader lands.
#include "core/readers/ReadError.h"
