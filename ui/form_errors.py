"""What a form shows after a write that saved nothing: the messages at their fields (`Invalid`), or one message
at the top of the form (`Refused`, `Missing`), kept in the session under `errors:<form key>` until the form
is saved or forgotten. Conflicts are not here: each form shows the other version its own way."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from domain.editing import Invalid
from domain.messages import say
from domain.permissions import Refused
from domain.texts import t
from nla_data.store import Missing

# The bounds of every date field: wide, so that a date outside the rules reaches the check and gets its message
# there. Streamlit's date field refuses a typed date outside its own bounds with only a red mark and keeps its
# old value (or none), which the form then saved as if nothing was typed.
DATE_BOUNDS = {"min_value": dt.date(1000, 1, 1), "max_value": dt.date(9999, 12, 31)}


def keep_errors(result, form_key: str, lang: str, refused: str, missing: str | None = None) -> bool:
    """Store the form's messages for `result`; whether it was one of these (`refused`, `missing`: text keys,
    `refused` with a `{reason}`)."""
    if isinstance(result, Invalid):
        st.session_state[f"errors:{form_key}"] = result.errors
    elif isinstance(result, Refused):
        st.session_state[f"errors:{form_key}"] = {"_refused": t(refused, lang, reason=say(result.reason, lang))}
    elif isinstance(result, Missing) and missing:
        st.session_state[f"errors:{form_key}"] = {"_refused": t(missing, lang)}
    else:
        return False
    return True
