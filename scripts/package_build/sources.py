"""The sources the package names, once: in rows (`bron`), in the descriptor and on the map."""

GEMEENTE = "GM0014"

CLASSES = "Rapport SocioQuest/RUG 2013, §2.2 (klasse, plafond 2011-2014); brief 18-09-2013 (korting 2014)"
CBS_KERNCIJFERS = "CBS Kerncijfers wijken en buurten 2015"
CBS_KAART = "CBS, Wijk- en buurtkaart 2015 (versie 1)"
CBS_KAART_MAP = "Bron: CBS, Wijk- en buurtkaart 2015"
ETM = "Energy Transition Model, lokale dataset 2016 (bij benadering, geen CBS-tabel)"
ILLUSTRATIVE = "Illustratief voorbeeld (gegenereerd), geen officiële statistiek"
