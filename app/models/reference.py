"""Reference data: administrative regions, municipalities and NOC 2021 occupations."""

from sqlalchemy import Float, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import pick

# Montréal, the one region the program does not place people in.
MONTREAL_REGION = "06"


class Region(db.Model):
    __tablename__ = "regions"

    code: Mapped[str] = mapped_column(String(2), primary_key=True)
    name_fr: Mapped[str] = mapped_column(String(80))
    name_en: Mapped[str] = mapped_column(String(80))
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    description_fr: Mapped[str] = mapped_column(Text, default="", server_default="")
    description_en: Mapped[str] = mapped_column(Text, default="", server_default="")

    municipalities: Mapped[list["Municipality"]] = relationship(
        back_populates="region", order_by="Municipality.name"
    )

    def name(self, locale: str) -> str:
        """Return the region's name in the given locale."""
        return self.name_en if locale.startswith("en") else self.name_fr

    def description(self, locale: str) -> str:
        """Return the description in the locale, falling back on the other language."""
        return pick(locale, self.description_fr, self.description_en)

    @property
    def is_montreal(self) -> bool:
        return self.code == MONTREAL_REGION


class Municipality(db.Model):
    __tablename__ = "municipalities"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"), index=True)
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)

    region: Mapped[Region] = relationship(back_populates="municipalities")

    __table_args__ = (db.UniqueConstraint("name", "region_code", name="uq_municipality_region"),)


class Occupation(db.Model):
    __tablename__ = "occupations"

    noc: Mapped[str] = mapped_column(String(5), primary_key=True)
    title_en: Mapped[str] = mapped_column(String(255))
    title_fr: Mapped[str] = mapped_column(String(255))
    title_fr_f: Mapped[str | None] = mapped_column(String(255))
    synonyms: Mapped[str] = mapped_column(String(1000), default="")

    def title(self, locale: str) -> str:
        """Return the official title in the given locale."""
        return self.title_en if locale.startswith("en") else self.title_fr

    @property
    def broad_category(self) -> str:
        return self.noc[0]
