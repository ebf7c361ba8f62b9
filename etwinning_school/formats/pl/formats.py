# The Polish convention, as in Polish school administration: 02.11.2026.
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
