"""The JSON API's routes, one router per resource; each parses, calls one answer, renders."""
