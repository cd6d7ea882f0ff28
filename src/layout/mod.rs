//! Layout engine (skeleton): model + template → positioned pages.
