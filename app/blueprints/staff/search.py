"""Account search for administrators: names and email addresses, accents and case ignored.

Each account keeps `search_text`, the folded words of its name and email address, rebuilt before
every flush that adds an account or changes its name or address; the database indexes it
(`app.fulltext.USERS`), so a search among 50,000 accounts does not scan them. Each word of the query
must start a word of the name or address ("trem" finds Tremblay, "demo" finds @demo.example).
"""

from sqlalchemy import event
from sqlalchemy.orm import Session

from app.fulltext import MAX_QUERY_WORDS, USERS, user_search_text, words
from app.models import User

USERS.attach(User.__table__)


@event.listens_for(Session, "before_flush")
def _refresh_user_search_text(session: Session, flush_context, instances) -> None:
    for obj in session.new | session.dirty:
        if isinstance(obj, User):
            value = user_search_text(obj.full_name, obj.email)
            if obj.search_text != value:
                obj.search_text = value


def match(stmt, q: str, dialect: str):
    """Restrict a select of users to those matching every word of `q`; return it and its rank."""
    return USERS.match(
        stmt, User.id, words(q)[:MAX_QUERY_WORDS], dialect, fallback_column=User.search_text
    )
