"""The sources the package names, once: in rows (`bron`), in the descriptor and on the map."""

GEMEENTE = "GM0014"
GEMEENTENAAM = "Groningen"

CLASSES = "Rapport SocioQuest/RUG 2013, §2.2 (klasse, plafond 2011-2014); brief 18-09-2013 (korting 2014)"
CBS_KAART = "CBS, Wijk- en buurtkaart 2015 (versie 1)"
ETM = "Energy Transition Model, lokale dataset 2016 (bij benadering, geen CBS-tabel)"
ILLUSTRATIVE = "Illustratief voorbeeld (gegenereerd), geen officiële statistiek"

# The files in ../shared/data this build reads (see its README for their sources and licence).
SHARED_BUURTEN = "groningen-buurten-2015.csv"
SHARED_BOUNDARIES = "cbs-wijkbuurtkaart-2015-gm0014-buurten.geojson"
SHARED_MUNICIPALITY = "cbs-wijkbuurtkaart-2015-gm0014-gemeente.csv"
SHARED_RENT_LIMITS = "huurprijsgrenzen-2011-2016.csv"
