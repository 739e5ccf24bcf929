package main

import "dhcs.ca.gov/statement/internal/site/source"

// today is the date every date rule of every command is held to: the
// date in California (one clock for revise's default date, the
// future-event check, and the preview). The tests replace it, so that no
// scenario depends on the day it runs; the command itself has no way to
// change it.
var today = source.CaliforniaToday
