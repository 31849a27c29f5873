"""UI texts of signing in, roles and refusals (nl, en); merged into domain.texts."""

TEXTS: dict[str, tuple[str, str]] = {
    "auth.sign_in": ("Inloggen", "Sign in"),
    "auth.sign_out": ("Uitloggen", "Sign out"),
    "auth.username": ("Gebruikersnaam", "User name"),
    "auth.password": ("Wachtwoord", "Password"),
    "auth.oidc": ("Inloggen met je organisatie-account", "Sign in with your organisation account"),
    "auth.signed_in_as": ("Ingelogd als **{name}** · {role}", "Signed in as **{name}** · {role}"),
    "auth.wijken": ("Frontlijn in: {wijken}", "Frontline in: {wijken}"),
    "auth.corporatie": ("Corporatie: {corporatie}", "Corporation: {corporatie}"),
    "auth.signed_out": ("Je bent uitgelogd.", "You are signed out."),
    "auth.expired": ("Je sessie is verlopen; log opnieuw in.", "Your session has expired; please sign in again."),
    "auth.revoked": ("Je account is uitgezet of verwijderd; je bent uitgelogd.",
                     "Your account was disabled or removed; you are signed out."),
    "auth.unavailable": ("Inloggen lukt nu niet (het gebruikersbestand is niet leesbaar). Meld het de beheerder.",
                         "Signing in is not possible now (the users file cannot be read). Tell the administrator."),
    "auth.no_role": ("Je bent ingelogd bij je organisatie, maar hebt nog geen rol in Wijkperspectief. Vraag de "
                     "beheerder je toe te voegen.",
                     "You are signed in with your organisation but have no role in Wijkperspectief yet. Ask the "
                     "administrator to add you."),
    "auth.public_note": ("Je ziet de openbare versie: zonder namen en contactgegevens. Frontlijnwerkers loggen in "
                         "om bij te werken.",
                         "You see the public version: without names or contact details. Frontline workers sign "
                         "in to update it."),
    "auth.refused": ("Niet toegestaan: {reason}.", "Not allowed: {reason}."),
    # the same words as nla_data.accounts gives the command line
    "auth.failed": ("Onbekende gebruikersnaam of onjuist wachtwoord.", "Unknown user name or wrong password."),
    "auth.locked": ("Te vaak een onjuist wachtwoord: geblokkeerd tot {time}. Of vraag de beheerder.",
                    "A wrong password too often: locked until {time}. Or ask the administrator."),
    "auth.beheer_only": ("Deze pagina is voor de beheerder van de gegevens. Log in als beheerder (links in de "
                         "zijbalk).",
                         "This page is for the data administrator. Sign in as administrator (in the sidebar)."),
    "auth.edit_hint": ("Log in als frontlijnwerker van deze wijk om items toe te voegen of bij te werken.",
                       "Sign in as a frontline worker of this neighbourhood to add or update entries."),
    "auth.edit_hint_signed_in": ("Items toevoegen of bijwerken doen de frontlijnwerkers van deze wijk.",
                                 "Entries are added and updated by this neighbourhood's frontline workers."),
    "role.wethouder": ("wethouder", "alderman"),
    "role.corporatie": ("corporatie", "housing corporation"),
    "role.frontlijnwerker": ("frontlijnwerker", "frontline worker"),
    "role.beheerder": ("beheerder", "administrator"),
    "kind.organisatie": ("organisatie", "organisation"),
    "kind.netwerk": ("netwerk", "network"),
    "kind.persoon": ("persoon", "person"),
    "visibility.openbaar": ("openbaar", "public"),
    "visibility.ingelogd": ("alleen ingelogd", "signed-in only"),
    "visibility.frontlijn": ("alleen frontlijn", "frontline only"),
    "visibility.help": ("Wie dit item ziet. Openbaar: iedereen; ingelogd: wie is ingelogd; frontlijn: alleen de "
                        "frontlijnwerkers van de wijk en de beheerder.",
                        "Who sees this entry. Public: everyone; signed in: anyone signed in; frontline: only the "
                        "neighbourhood's frontline workers and the administrator."),
    "contact.consent": ("toestemming {date}, {how}", "consent {date}, {how}"),
    "field.soort": ("Soort", "Kind"),
    "field.zichtbaarheid": ("Wie ziet dit item?", "Who sees this entry?"),
    "field.visibility_default": ("standaard: wie is ingelogd", "default: anyone signed in"),
    "field.contact_intro": ("Contactgegevens van een persoon: alleen met diens toestemming, en alleen zichtbaar voor "
                            "de frontlijnwerkers van de wijk.",
                            "A person's contact details: only with their consent, and only visible to the "
                            "neighbourhood's frontline workers."),
    "field.contact_naam": ("Naam contactpersoon", "Contact name"),
    "field.contact_email": ("E-mailadres", "E-mail address"),
    "field.contact_telefoon": ("Telefoon", "Phone"),
    "field.toestemming_op": ("Toestemming gegeven op", "Consent given on"),
    "field.toestemming_wijze": ("Hoe gegeven", "How given"),
    "field.toestemming_wijze_hint": ("mondeling, schriftelijk, per e-mail …", "orally, in writing, by e-mail …"),
}
