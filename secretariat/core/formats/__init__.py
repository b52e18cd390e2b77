"""One date and time format per language (FORMAT_MODULE_PATH): every page, e-mail and
export of a language writes a date the same way. Input formats stay Django's."""
