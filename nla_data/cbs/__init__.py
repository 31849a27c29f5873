"""Import of the CBS Wijk- en buurtkaart, one job a module; the public API is `nla_data.cbs_import`.

errors      CbsImportError, the progress callback type, list formatting for the Dutch messages
columns     the identity columns of both CBS generations and the ignore list; which column holds which
            indicator as the package declares it (indicatoren.cbs_kolommen, schaal); the figures read, their
            sentinels, and each verhouding computed per buurt from its counts
read        read_cbs: GeoPackage, shapefile, zip or GeoJSON, and the CRS checks
rows        the municipality's buurten, the year, one row per buurt, their geometry
boundaries  simplified buurt outlines and the NLA wijken dissolved from them
figures     cijfers rows for buurten, wijken and the municipality, and the notes on missing totals
files       the new contents of the package files (cijfers, descriptor, GeoJSON) and their hashes
plan        ImportPlan, plan_import, prepare_import, describe: everything worked out in memory
apply       apply_import: staging copy, validation, swap
"""
