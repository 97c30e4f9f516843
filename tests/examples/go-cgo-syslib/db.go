package main

/*
#cgo LDFLAGS: -lsqlite3
#include <sqlite3.h>
#include <stdlib.h>

static const char* version() { return sqlite3_libversion(); }
*/
import "C"

func sqliteVersion() string { return C.GoString(C.version()) }
