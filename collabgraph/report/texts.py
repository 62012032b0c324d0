"""Every text of the report in English and Dutch, and number formatting per language.

One catalogue, so a translation is one line next to the other. :func:`default_language` follows
the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``: Dutch when the first one set starts with
``nl``, else English).

Examples
--------
>>> t = Texts("nl")
>>> t("people_count", n=t.num(5000))
'5.000 mensen'
>>> Texts("en").pct(0.384)
'38%'
"""

from __future__ import annotations

import datetime
import math
from decimal import Decimal

from collabgraph.errors import ParameterError
from collabgraph.groups import NO_NETWORK_WORDS
from collabgraph.report import LANGUAGES
from collabgraph.report.i18n import (
    LOCALES,
    default_language,
    long_date,
    number,
    period_label,
    plural_form,
    report_language,
)

__all__ = ["CATALOGUE", "LANGUAGES", "Texts", "default_language", "report_language"]


#: key -> (English, Dutch); ``{name}`` fields are filled in by :class:`Texts`.
CATALOGUE: dict[str, tuple[str, str]] = {
    # ---- page -------------------------------------------------------------------------------
    "default_title": ("Collaboration across boundaries", "Samenwerking over grenzen heen"),
    "demo_title": ("Learning networks: a fictitious example", "Leernetwerken: een fictief voorbeeld"),
    "demo_source": ("the bundled example dataset", "de meegeleverde voorbeeldgegevens"),
    "default_source": ("the data", "de gegevens"),
    "subtitle": ("Network analysis of {source}", "Netwerkanalyse van {source}"),
    "period": ("{start} to {end}", "{start} tot en met {end}"),
    "no_period": ("no dates in the data", "geen datums in de gegevens"),
    "made_with": ("Made with collabgraph {version}", "Gemaakt met collabgraph {version}"),
    "pseudonymised_banner": ("Pseudonymised: names and ids are replaced by codes.",
                             "Gepseudonimiseerd: namen en id's zijn vervangen door codes."),
    "contents": ("Contents", "Inhoud"),
    "download": ("Data (CSV)", "Gegevens (CSV)"),
    "data_files": ("Data behind this section", "Gegevens bij dit onderdeel"),
    "exports": ("Exports", "Exportbestanden"),
    "exports_hint": ("Files for Gephi (GEXF, GraphML), Excel (XLSX) and other tools (JSON, CSV): collabgraph "
                     "export DATASET --to gexf|graphml|json|csv|xlsx -o FILE, or collabgraph report --exports.",
                     "Bestanden voor Gephi (GEXF, GraphML), Excel (XLSX) en andere programma's (JSON, CSV): "
                     "collabgraph export GEGEVENS --to gexf|graphml|json|csv|xlsx -o BESTAND, of collabgraph "
                     "report --exports."),
    "noscript": ("The interactive map needs JavaScript; every other section works without it.",
                 "De interactieve kaart heeft JavaScript nodig; de rest van het rapport werkt zonder."),
    # ---- sections ---------------------------------------------------------------------------
    "sec_summary": ("Summary", "Samenvatting"),
    "sec_map": ("Network map", "Netwerkkaart"),
    "sec_crossing": ("Crossing boundaries", "Over grenzen heen"),
    "sec_pollination": ("Cross-pollination between learning networks", "Kruisbestuiving tussen leernetwerken"),
    "sec_clusters": ("Clusters", "Clusters"),
    "sec_isolation": ("Isolation and introductions", "Isolement en introducties"),
    "sec_time": ("Over time", "Door de tijd"),
    "sec_method": ("Method", "Methode"),
    "nav_map": ("Map", "Kaart"),
    "nav_crossing": ("Boundaries", "Over grenzen"),
    "nav_pollination": ("Cross-pollination", "Kruisbestuiving"),
    "nav_isolation": ("Isolation", "Isolement"),
    # ---- key figures ------------------------------------------------------------------------
    "k_people": ("people", "mensen"),
    "k_people_one": ("person", "persoon"),
    "k_ties": ("ties", "relaties"),
    "k_ties_one": ("tie", "relatie"),
    "k_organisations": ("organisations", "organisaties"),
    "k_organisations_one": ("organisation", "organisatie"),
    "k_domains": ("domains", "domeinen"),
    "k_domains_one": ("domain", "domein"),
    "k_networks": ("learning networks", "leernetwerken"),
    "k_networks_one": ("learning network", "leernetwerk"),
    "k_crossing": ("of ties cross a {by} boundary", "van de relaties gaat over een grens van {by}"),
    "people_count": ("{n} people", "{n} mensen"),
    "people_count_one": ("{n} person", "{n} persoon"),
    "n_ties": ("{n} ties", "{n} relaties"),
    "n_ties_one": ("{n} tie", "{n} relatie"),
    # ---- summary sentences ------------------------------------------------------------------
    "s_size": ("The data describe {people}{groups}, with {ties} between them ({period}).",
               "De gegevens beschrijven {people}{groups}, met {ties} tussen hen ({period})."),
    "s_size_no_ties": ("The data describe {people}{groups}, without any tie ({period}).",
                       "De gegevens beschrijven {people}{groups}, zonder relaties ({period})."),
    "s_size_organisations": (" from {n} organisations", " uit {n} organisaties"),
    "s_size_organisations_one": (" from {n} organisation", " uit {n} organisatie"),
    "s_size_domains": (" in {n} domains", " in {n} domeinen"),
    "s_size_domains_one": (" in {n} domain", " in {n} domein"),
    "s_not_in_data": ("Not in the data (no person has one): {attrs}.",
                      "Niet in de gegevens (bij niemand ingevuld): {attrs}."),
    "s_crossing": ("{share} of ties cross a {by} boundary; if people mixed at random it would be {expected}.",
                   "{share} van de relaties gaat over een grens van {by}; bij willekeurig mengen zou dat "
                   "{expected} zijn."),
    "s_crossing_test": ("The difference is statistically significant (p = {p}, {n} permutations).",
                        "Het verschil is statistisch significant (p = {p}, {n} permutaties)."),
    "s_crossing_no_test": ("The difference could be chance (p = {p}, {n} permutations).",
                           "Het verschil kan toeval zijn (p = {p}, {n} permutaties)."),
    "s_trend_up": ("{last} of ties crossed a {by} boundary in {last_label}, up from {first} in {first_label}.",
                   "In {last_label} ging {last} van de relaties over een grens van {by}, tegen {first} in "
                   "{first_label}."),
    "s_trend_down": ("{last} of ties crossed a {by} boundary in {last_label}, down from {first} in {first_label}.",
                     "In {last_label} ging {last} van de relaties over een grens van {by}, tegen {first} in "
                     "{first_label}."),
    "s_trend_flat": ("The share of ties across a {by} boundary stayed at about {last} from {first_label} "
                     "to {last_label}.",
                     "Het aandeel relaties over een grens van {by} bleef ongeveer {last} van {first_label} "
                     "tot {last_label}."),
    "s_whole_higher": ("Over the whole period each of the {ties} ties counts once ({overall} cross a {by} "
                       "boundary), while a {freq} counts every tie active in it; ties within a {by} are active in "
                       "more {freq} windows than ties across, so the share over the whole period is higher than in "
                       "any single {freq} ({low} to {high}).",
                       "Over de hele periode telt elk van de {ties} relaties één keer ({overall} gaat over een "
                       "grens van {by}), terwijl een {freq} elke relatie telt die er actief was; relaties binnen "
                       "een {by} zijn in meer vensters ({freq}) actief dan relaties over de grens, daarom is het "
                       "aandeel over de hele periode hoger dan in elk afzonderlijk venster ({low} tot {high})."),
    "s_whole_lower": ("Over the whole period each of the {ties} ties counts once ({overall} cross a {by} "
                      "boundary), while a {freq} counts every tie active in it; ties across a {by} boundary are "
                      "active in more {freq} windows than ties within, so the share over the whole period is lower "
                      "than in any single {freq} ({low} to {high}).",
                      "Over de hele periode telt elk van de {ties} relaties één keer ({overall} gaat over een "
                      "grens van {by}), terwijl een {freq} elke relatie telt die er actief was; relaties over de "
                      "grens zijn in meer vensters ({freq}) actief dan relaties binnen een {by}, daarom is het "
                      "aandeel over de hele periode lager dan in elk afzonderlijk venster ({low} tot {high})."),
    "s_trend_interval": ("{level} interval of the change: {lo} to {hi} percentage points (p = {p}).",
                         "{level}-interval van de verandering: {lo} tot {hi} procentpunt (p = {p})."),
    "s_hours": ("Participants invested {hours}: {events} in meetings and {contacts} in contacts; "
                "{no_events} and {no_contacts} without a duration add none.",
                "Deelnemers investeerden {hours}: {events} in bijeenkomsten en {contacts} in "
                "contacten; {no_events} en {no_contacts} zonder duur tellen niet mee."),
    "n_person_hours": ("{n} person-hours", "{n} persoonsuren"),
    "n_person_hours_one": ("{n} person-hour", "{n} persoonsuur"),
    "n_meetings": ("{n} meetings", "{n} bijeenkomsten"),
    "n_meetings_one": ("{n} meeting", "{n} bijeenkomst"),
    "n_contacts": ("{n} contacts", "{n} contacten"),
    "n_contacts_one": ("{n} contact", "{n} contact"),
    "s_other_attrs": ("Across organisations: {organisation} of ties; across professions: {profession}.",
                      "Tussen organisaties: {organisation} van de relaties; tussen beroepen: {profession}."),
    "s_reach": ("Within two steps a participant with at least one contact reaches on average {domains} of the "
                "{total} domains and {professions} professions.",
                "Binnen twee stappen bereikt een deelnemer met minstens één contact gemiddeld {domains} van de "
                "{total} domeinen en {professions} beroepen."),
    "s_reach_domains": ("Within two steps a participant with at least one contact reaches on average {domains} "
                        "of the {total} domains.",
                        "Binnen twee stappen bereikt een deelnemer met minstens één contact gemiddeld {domains} "
                        "van de {total} domeinen."),
    "k_professions": ("professions", "beroepen"),
    "s_isolated": ("{n} people have no tie at all.", "{n} mensen hebben geen enkele relatie."),
    "s_isolated_one": ("{n} person has no tie at all.", "{n} persoon heeft geen enkele relatie."),
    "s_flagged": ("In total {n} people are flagged as isolated or at risk (see Isolation).",
                  "In totaal zijn {n} mensen gemarkeerd als geïsoleerd of kwetsbaar (zie Isolement)."),
    "s_flagged_none": ("No one is flagged as isolated or at risk.",
                       "Niemand is gemarkeerd als geïsoleerd of kwetsbaar."),
    "s_flagged_one": ("In total {n} person is flagged as isolated or at risk (see Isolation).",
                      "In totaal is {n} persoon gemarkeerd als geïsoleerd of kwetsbaar (zie Isolement)."),
    "s_clusters": ("The network falls apart into {n} clusters of two or more people (modularity {q}: the higher, "
                   "up to 1, the more ties stay inside clusters compared with chance).",
                   "Het netwerk valt uiteen in {n} clusters van twee of meer mensen (modulariteit {q}: hoe hoger, "
                   "tot 1, hoe meer relaties binnen de clusters blijven vergeleken met toeval)."),
    "s_clusters_one": ("The network forms {n} cluster of two or more people (modularity {q}: the higher, up to 1, "
                       "the more ties stay inside clusters compared with chance).",
                       "Het netwerk vormt {n} cluster van twee of meer mensen (modulariteit {q}: hoe hoger, tot 1, "
                       "hoe meer relaties binnen de clusters blijven vergeleken met toeval)."),
    "s_silos": ("{n} of them are dominated by one organisation or domain.",
                "In {n} daarvan overheerst één organisatie of domein."),
    "s_clusters_weak": ("The network has no clear clusters: the method finds {n} groups of two or more people, but "
                        "with a modularity of {q} (clear groups score above about {clear}) ties stay inside them "
                        "little more often than by chance.",
                        "Het netwerk heeft geen duidelijke clusters: de methode vindt {n} groepen van twee of meer "
                        "mensen, maar met een modulariteit van {q} (duidelijke groepen scoren boven ongeveer "
                        "{clear}) blijven relaties daarbinnen nauwelijks vaker dan bij toeval."),
    "s_clusters_unstable_also": ("Runs with other seeds also divide people differently (mean NMI {nmi} between "
                                 "them, 1 = the same clusters).",
                                 "Indelingen met een ander startgetal delen mensen ook anders in (gemiddelde NMI "
                                 "{nmi} onderling, 1 = dezelfde clusters)."),
    "s_clusters_unstable": ("The method finds {n} clusters of two or more people (modularity {q}), but they are "
                            "unstable: runs with other seeds divide people differently (mean NMI {nmi} between "
                            "them, 1 = the same clusters).",
                            "De methode vindt {n} clusters van twee of meer mensen (modulariteit {q}), maar die "
                            "zijn onstabiel: indelingen met een ander startgetal delen mensen anders in (gemiddelde "
                            "NMI {nmi} onderling, 1 = dezelfde clusters)."),
    "s_silos_none": ("None of them is dominated by one organisation or domain.",
                     "In geen daarvan overheerst één organisatie of domein."),
    "s_silos_one": ("{n} of them is dominated by one organisation or domain.",
                    "In {n} daarvan overheerst één organisatie of domein."),
    "s_clusters_none": ("Without any tie there are no clusters.", "Zonder relaties zijn er geen clusters."),
    "s_silos_unknown": ("Whether one organisation or domain dominates them cannot be judged: the data give no "
                        "one's organisation or domain.",
                        "Of er één organisatie of domein overheerst, valt niet te beoordelen: de gegevens noemen "
                        "van niemand de organisatie of het domein."),
    "s_silos_unjudged": ("For {n} clusters it cannot be judged: none of their members has a known organisation or "
                         "domain.",
                         "Bij {n} clusters valt dat niet te beoordelen: van geen van hun leden is de organisatie of "
                         "het domein bekend."),
    "s_silos_unjudged_one": ("For {n} cluster it cannot be judged: none of its members has a known organisation or "
                             "domain.",
                             "Bij {n} cluster valt dat niet te beoordelen: van geen van de leden is de organisatie "
                             "of het domein bekend."),
    "s_clusters_alone": ("The {alone} people without any tie are not counted as clusters.",
                         "De {alone} mensen zonder enige relatie tellen niet als cluster."),
    "s_clusters_alone_one": ("The one person without any tie is not counted as a cluster.",
                             "De ene persoon zonder enige relatie telt niet als cluster."),
    "s_spanners": ("{n} people take part in more than one learning network and carry ideas between them.",
                   "{n} mensen doen mee aan meer dan één leernetwerk en brengen ideeën over tussen netwerken."),
    "s_spanners_one": ("{n} person takes part in more than one learning network and carries ideas between them.",
                       "{n} persoon doet mee aan meer dan één leernetwerk en brengt ideeën over tussen netwerken."),
    "s_dependency": ("{tested} coordinators and top brokers were removed one at a time from their learning "
                     "network.",
                     "{tested} coördinatoren en belangrijkste makelaars zijn één voor één uit hun leernetwerk "
                     "weggelaten."),
    "s_dependency_brokers": ("{tested} top brokers were removed one at a time from their learning network (there is "
                             "no coordinator among them).",
                             "{tested} belangrijkste makelaars zijn één voor één uit hun leernetwerk weggelaten (er "
                             "is geen coördinator bij)."),
    "s_dependency_brokers_one": ("One top broker was removed from their learning network (there is no coordinator).",
                                 "Eén belangrijkste makelaar is uit het leernetwerk weggelaten (er is geen "
                                 "coördinator)."),
    "s_dependency_one": ("One coordinator or top broker was removed from their learning network.",
                         "Eén coördinator of belangrijkste makelaar is uit het leernetwerk weggelaten."),
    "s_dependency_cut": ("Without {n} of them, members are cut off from the largest connected group of their "
                         "network.",
                         "Zonder {n} van hen raken leden los van de grootste verbonden groep van hun netwerk."),
    "s_dependency_cut_one": ("Without one of them, members are cut off from the largest connected group of "
                             "their network.",
                             "Zonder één van hen raken leden los van de grootste verbonden groep van hun netwerk."),
    "s_dependency_cut_none": ("Without any one of them, no member is cut off from the largest connected group.",
                              "Zonder wie van hen ook raakt geen lid los van de grootste verbonden groep."),
    "s_dependency_frag": ("Without {n} others no one is cut off, but fragmentation rises.",
                          "Zonder {n} anderen raakt niemand los, maar neemt de versnippering toe."),
    "s_dependency_frag_one": ("Without one other no one is cut off, but fragmentation rises.",
                              "Zonder één ander raakt niemand los, maar neemt de versnippering toe."),
    # ---- map --------------------------------------------------------------------------------
    "map_intro": ("Each dot is a person, each line a tie. Names are written at the largest dots where they fit; "
                  "hover over a person or search for a name to see anyone else. Drag to move, scroll to zoom. "
                  "People without a tie on the map are listed beside it.",
                  "Elke stip is een persoon, elke lijn een relatie. Namen staan bij de grootste stippen, waar ze "
                  "passen; beweeg over een persoon of zoek een naam om iemand anders te zien. Sleep om te "
                  "verplaatsen, scroll om te zoomen. Wie op de kaart geen relatie heeft, staat ernaast."),
    "map_colour": ("Colour by", "Kleur naar"),
    "map_size": ("Size by", "Grootte naar"),
    "map_network": ("Learning network", "Leernetwerk"),
    "map_from": ("From", "Van"),
    "map_to": ("To", "Tot en met"),
    "map_search": ("Find a person", "Zoek een persoon"),
    "map_all": ("all", "alle"),
    "map_shown": ("{nodes} people and {edges} ties shown", "{nodes} mensen en {edges} relaties getoond"),
    "map_shown_capped": ("{nodes} dots and {edges} lines shown (a square stands for a group, its lines for their ties)",
                         "{nodes} punten en {edges} lijnen getoond (een vierkant staat voor een groep, zijn lijnen "
                         "voor hun relaties)"),
    "map_no_match": ("No one on the map matches “{query}”.", "Niemand op de kaart past bij “{query}”."),
    "map_filtered_out": ("{name} is not shown with the chosen filter.", "{name} valt buiten het gekozen filter."),
    "map_found_apart": ("{name} has no tie on the map: see the list beside it.",
                        "{name} heeft geen relatie op de kaart: zie de lijst ernaast."),
    "map_apart_title": ("Not connected", "Niet verbonden"),
    "map_alone": ("{n} people without a tie", "{n} mensen zonder relatie"),
    "map_alone_one": ("{n} person without a tie", "{n} persoon zonder relatie"),
    # the map's own connected groups (the ties in view), not isolation's `detached`, which with learning networks
    # is judged within each network
    "map_apart_groups": ("In a group of their own on the map, not connected to its largest group",
                         "In een losse groep op de kaart, niet verbonden met de grootste groep daarop"),
    "map_apart_group": ("Group of {n}", "Groep van {n}"),
    "map_apart_none": ("Everyone on the map has a tie and belongs to its largest connected group.",
                       "Iedereen op de kaart heeft een relatie en hoort bij de grootste verbonden groep."),
    "map_apart_period": ("With a period chosen, the map shows only the people with a tie in it.",
                         "Met een gekozen periode toont de kaart alleen wie daarin een relatie heeft."),
    "map_other": ("other", "overig"),
    "map_other_networks": ("several or other networks", "meerdere of andere netwerken"),
    "map_unknown": ("unknown", "onbekend"),
    "map_layout_note": ("With {n} people the layout is computed beforehand and frozen.",
                        "Met {n} mensen is de indeling vooraf berekend en vastgezet."),
    "map_group": ("{value}: {n} more people", "{value}: nog {n} mensen"),
    "map_group_one": ("{value}: {n} more person", "{value}: nog {n} persoon"),
    "map_capped": ("The map shows the {shown} people with the most contacts and lists the {n} without a tie beside "
                   "it; the other {rest} are drawn as squares, one per {by}, with their ties to each person and to "
                   "each other summed.",
                   "De kaart toont de {shown} mensen met de meeste contacten en noemt de {n} zonder relatie ernaast; "
                   "de overige {rest} staan als vierkanten op de kaart, één per {by}, met hun relaties per persoon "
                   "en onderling opgeteld."),
    "map_capped_one": ("The map shows the {shown} people with the most contacts and lists the one without a tie "
                       "beside it; the other {rest} are drawn as squares, one per {by}, with their ties to each "
                       "person and to each other summed.",
                       "De kaart toont de {shown} mensen met de meeste contacten en noemt de ene zonder relatie "
                       "ernaast; de overige {rest} staan als vierkanten op de kaart, één per {by}, met hun relaties "
                       "per persoon en onderling opgeteld."),
    "map_capped_none": ("The map shows the {shown} people with the most contacts; the other {rest} are drawn as "
                        "squares, one per {by}, with their ties to each person and to each other summed.",
                        "De kaart toont de {shown} mensen met de meeste contacten; de overige {rest} staan als "
                        "vierkanten op de kaart, één per {by}, met hun relaties per persoon en onderling opgeteld."),
    "size_degree": ("number of contacts", "aantal contacten"),
    "size_brokerage": ("brokerage", "makelaarsrol"),
    "size_betweenness": ("betweenness", "tussenpositie"),
    "size_equal": ("equal", "gelijk"),
    # ---- attributes -------------------------------------------------------------------------
    "a_domain": ("domain", "domein"),
    "a_organisation": ("organisation", "organisatie"),
    "a_profession": ("profession", "beroep"),
    "a_role": ("role", "rol"),
    "a_network": ("learning network", "leernetwerk"),
    "a_community": ("cluster", "cluster"),
    "a_name": ("name", "naam"),
    "a_id": ("id", "id"),
    "a_degree": ("contacts", "contacten"),
    "a_brokerage": ("brokerage", "makelaarsrol"),
    "a_betweenness": ("betweenness", "tussenpositie"),
    "a_isolation": ("isolation", "isolement"),
    "a_group": ("people in this group", "mensen in deze groep"),
    # ---- crossing ---------------------------------------------------------------------------
    "crossing_intro": ("The E-I index (Krackhardt & Stern 1988) is (external − internal) / (external + internal) "
                       "ties: −1 when all ties stay within a group, +1 when all cross. The expected value is "
                       "what random mixing of people with these group sizes would give.",
                       "De E-I-index (Krackhardt & Stern 1988) is (extern − intern) / (extern + intern) "
                       "relaties: −1 als alle relaties binnen een groep blijven, +1 als ze allemaal een grens "
                       "over gaan. De verwachte waarde is wat willekeurig mengen bij deze groepsgroottes geeft."),
    "crossing_no_groups": ("No one's {by} is known, so there are no {by} groups to count ties between.",
                           "Van niemand is het kenmerk {by} bekend, dus er zijn geen groepen naar {by} om relaties "
                           "tussen te tellen."),
    "heatmap_title": ("Ties between {by} groups", "Relaties tussen groepen naar {by}"),
    "heatmap_hidden": ("The row and column of a group with fewer than {n} people show “<{n}”: its ties are not "
                       "shown.",
                       "De rij en kolom van een groep met minder dan {n} mensen tonen “<{n}”: de relaties van die "
                       "groep staan er niet in."),
    "heatmap_complement": ("So do those of {group}, or the hidden group's ties would follow from the totals.",
                           "Die van {group} ook, anders volgen de relaties van de verborgen groep uit de totalen."),
    "heatmap_note": ("Each cell counts the ties between two groups; the diagonal holds ties within a group.",
                     "Elke cel telt de relaties tussen twee groepen; op de diagonaal staan relaties binnen een "
                     "groep."),
    "ei_chart_title": ("E-I index per {by} group, with the random-mixing value",
                       "E-I-index per groep naar {by}, met de waarde bij willekeurig mengen"),
    "observed": ("observed", "waargenomen"),
    "expected": ("random mixing", "willekeurig mengen"),
    "col_group": ("group", "groep"),
    "col_size": ("people", "mensen"),
    "col_internal": ("within", "binnen"),
    "col_external": ("across", "over de grens"),
    "col_ei": ("E-I", "E-I"),
    "col_share": ("share across", "aandeel over de grens"),
    "col_attribute": ("boundary", "grens"),
    "col_expected": ("random mixing", "willekeurig"),
    "col_assort": ("assortativity", "assortativiteit"),
    "col_members": ("members", "leden"),
    "col_with_cross": ("with a cross-domain tie", "met een relatie buiten het domein"),
    "col_mean_reach": ("people within 2 steps", "mensen binnen 2 stappen"),
    "col_mean_domains": ("domains within 2 steps", "domeinen binnen 2 stappen"),
    "col_networks": ("networks", "netwerken"),
    "col_spanners": ("spanners", "verbinders"),
    "col_openness": ("openness", "openheid"),
    "col_shared": ("shared members", "gedeelde leden"),
    "col_ties": ("ties", "relaties"),
    "col_person": ("person", "persoon"),
    "col_reasons": ("reasons", "redenen"),
    "col_suggestions": ("suggested introductions", "voorgestelde introducties"),
    "col_top": ("largest part", "grootste deel"),
    "col_silo": ("silo", "silo"),
    "col_density": ("density", "dichtheid"),
    "col_period": ("period", "periode"),
    "col_active": ("people with a tie", "mensen met een relatie"),
    "col_value": ("value", "waarde"),
    "col_new_vs_previous": ("new since the previous {freq}", "nieuw t.o.v. vorig {freq}"),
    "col_clusters": ("clusters (3+ people)", "clusters (3+ mensen)"),
    "col_metric": ("measure", "maat"),
    "col_difference": ("change", "verandering"),
    "col_contribution": ("contribution (pp)", "bijdrage (procentpunt)"),
    "pp": ("pp", "procentpunt"),
    "compare_title": ("{before} compared with {after}", "{before} vergeleken met {after}"),
    "compare_note": ("The interval comes from resampling people (bootstrap); the p-value from shuffling which "
                     "period each tie belongs to. The second table shows which learning networks contributed most "
                     "to the change in the share of ties across a boundary, in percentage points.",
                     "Het interval komt uit het herhaald trekken van mensen met teruglegging; de p-waarde uit het "
                     "schudden van de periode van elke relatie. De tweede tabel toont welke leernetwerken het "
                     "meest bijdroegen aan de verandering van het aandeel relaties over een grens, in "
                     "procentpunten."),
    "m_people_active": ("people with a tie", "mensen met een relatie"),
    "m_ties": ("ties", "relaties"),
    "m_density": ("density", "dichtheid"),
    "m_cross_share": ("share of ties across a boundary", "aandeel relaties over een grens"),
    "m_ei_index": ("E-I index", "E-I-index"),
    "m_isolated": ("members without a tie", "leden zonder relatie"),
    "m_modularity": ("modularity", "modulariteit"),
    "col_table": ("table", "tabel"),
    "table_people": ("people", "personen"),
    "table_interactions": ("interactions", "contacten"),
    "table_events": ("events", "bijeenkomsten"),
    "table_attendance": ("attendance", "aanwezigheid"),
    "table_networks": ("networks", "leernetwerken"),
    "col_read": ("rows read", "rijen gelezen"),
    "col_used": ("used", "gebruikt"),
    "col_rejected": ("rejected", "afgewezen"),
    "col_skipped_blank": ("blank rows skipped", "lege rijen overgeslagen"),
    "col_code": ("problem", "probleem"),
    "warning": ("warning: nothing rejected", "waarschuwing: niets afgewezen"),
    "col_count": ("number", "aantal"),
    "col_parameter": ("parameter", "parameter"),
    "col_software": ("software", "software"),
    "col_version": ("version", "versie"),
    "yes": ("yes", "ja"),
    "no": ("no", "nee"),
    "other_boundaries": ("Other boundaries", "Andere grenzen"),
    "reach_title": ("Interprofessional reach per learning network", "Interprofessioneel bereik per leernetwerk"),
    "reach_intro": ("How far people reach across domains and professions, directly and within two steps "
                    "(contacts of contacts).",
                    "Hoe ver mensen reiken over domeinen en beroepen, direct en binnen twee stappen "
                    "(contacten van contacten)."),
    "reach_roles_title": ("Reach per role group", "Bereik per rolgroep"),
    "reach_roles_intro": ("People are grouped by their role (Dutch and English synonyms, and the role map if one "
                          "was given); a role without a known synonym, such as huisarts, counts as professional.",
                          "Mensen zijn ingedeeld naar hun rol (Nederlandse en Engelse synoniemen, en de rollenlijst "
                          "als die is meegegeven); een rol zonder bekend synoniem, zoals huisarts, telt als "
                          "professional."),
    "reach_roles_without": ("{n} people without a role are left out.", "{n} mensen zonder rol tellen niet mee."),
    "reach_roles_without_one": ("{n} person without a role is left out.", "{n} persoon zonder rol telt niet mee."),
    # role groups (collabgraph.rolegroups.GROUPS) in plain words
    "g_coordinator": ("coordinator", "coördinator"),
    "g_experiential_expert": ("experiential expert", "ervaringsdeskundige"),
    "g_educator": ("educator", "docent"),
    "g_student": ("student", "student"),
    "g_client": ("client or relative", "cliënt of naaste"),
    "g_professional": ("professional", "professional"),
    "col_role_group": ("role group", "rolgroep"),
    "suppressed_note": ("Groups with fewer than {n} people are shown as “<{n}”.",
                        "Groepen met minder dan {n} mensen staan als “<{n}”."),
    # ---- learning networks side by side (the scorecard) -------------------------------------
    "sec_networks": ("Learning networks side by side", "Leernetwerken naast elkaar"),
    "nav_networks": ("Networks", "Leernetwerken"),
    "networks_intro": ("One row per learning network and one for all networks together; click a column header "
                       "to sort. Members: people who belong to the network (listed or with a record in it); its "
                       "ties are those between two members, from any meeting or contact. Share across domains: "
                       "of those ties, the share between people of different domains (ties with someone "
                       "without a domain left out). Openness: from −1 (all of the members' ties stay inside the "
                       "network) to +1 (all go outside). Cut off without the "
                       "coordinator: members who no longer belong to the largest connected group when the "
                       "coordinator is left out.",
                       "Eén rij per leernetwerk en één voor alle netwerken samen; klik op een kolomkop om te "
                       "sorteren. Leden: mensen die bij het netwerk horen (opgegeven of met een registratie erin); "
                       "de relaties zijn die tussen twee leden, uit elke bijeenkomst of elk contact. Aandeel over "
                       "domeingrenzen: van die relaties het deel tussen mensen uit verschillende domeinen "
                       "(relaties met iemand zonder domein tellen niet mee). "
                       "Openheid: van −1 (alle relaties van de leden blijven in het netwerk) tot +1 (alle gaan "
                       "naar buiten). Los zonder coördinator: leden die niet meer bij de grootste verbonden groep "
                       "horen als de coördinator wordt weggelaten."),
    "programme_row": ("all networks", "alle leernetwerken"),
    "col_active_members": ("active", "actief"),
    "col_domains": ("domains", "domeinen"),
    "col_experts": ("experiential experts", "ervaringsdeskundigen"),
    "col_coordinators": ("coordinators", "coördinatoren"),
    "col_cross_domains": ("share across domains", "aandeel over domeingrenzen"),
    "col_isolated": ("members without a tie", "leden zonder relatie"),
    "col_cut_without": ("cut off without the coordinator", "los zonder coördinator"),
    "col_new_per_month": ("new ties per month", "nieuwe relaties per maand"),
    "col_hours_member_month": ("hours per member per month", "uren per lid per maand"),
    "col_lasting": ("ties lasting after the end", "relaties die doorwerken"),
    "n_members": ("{n} members", "{n} leden"),
    "n_members_one": ("{n} member", "{n} lid"),
    "n_domains": ("{n} domains", "{n} domeinen"),
    "n_domains_one": ("{n} domain", "{n} domein"),
    "card_size": ("{network}: {members} ({active} active) from {domains}",
                  "{network}: {members} ({active} actief) uit {domains}"),
    "card_cross": ("{share} of the {ties} among them cross a domain boundary",
                   "{share} van de {ties} tussen hen gaat over een domeingrens"),
    "card_cross_known": ("{share} of the {ties} among them with both domains known (of {all}) cross a domain boundary",
                         "{share} van de {ties} tussen hen met bekend domein (van {all}) gaat over een domeingrens"),
    "card_size_no_domains": ("{network}: {members} ({active} active), no one's domain known",
                             "{network}: {members} ({active} actief), van niemand is het domein bekend"),
    "card_cross_none": ("none of the {n} ties among them joins two members with a known domain",
                        "geen van de {n} relaties tussen hen verbindt twee leden met een bekend domein"),
    "card_cross_none_one": ("the {n} tie among them does not join two members with a known domain",
                            "de {n} relatie tussen hen verbindt geen twee leden met een bekend domein"),
    "card_no_ties": ("no ties among them", "geen relaties tussen hen"),
    "card_isolated": ("{n} without a tie to another member", "{n} zonder relatie met een ander lid"),
    "card_no_coordinator": ("no coordinator in the data", "geen coördinator in de gegevens"),
    "card_cut": ("without the coordinator {n} members are cut off", "zonder de coördinator raken {n} leden los"),
    "card_cut_one": ("without the coordinator {n} member is cut off", "zonder de coördinator raakt {n} lid los"),
    "card_cut_none": ("no member is cut off without the coordinator",
                      "zonder de coördinator raakt geen lid los"),
    "card_cut_several": ("without one of its coordinators at most {n} members are cut off",
                         "zonder een van de coördinatoren raken hoogstens {n} leden los"),
    "card_cut_several_one": ("without one of its coordinators at most {n} member is cut off",
                             "zonder een van de coördinatoren raakt hoogstens {n} lid los"),
    "card_cut_several_none": ("no member is cut off without one of its coordinators",
                              "zonder een van de coördinatoren raakt geen lid los"),
    "card_cut_programme": ("without the coordinator of one network at most {n} of its members are cut off",
                           "zonder de coördinator van één netwerk raken hoogstens {n} van de leden los"),
    "card_cut_programme_one": ("without the coordinator of one network at most {n} of its members is cut off",
                               "zonder de coördinator van één netwerk raakt hoogstens {n} van de leden los"),
    "card_cut_programme_none": ("no member is cut off without their network's coordinator",
                                "zonder de coördinator van hun netwerk raakt geen lid los"),
    "card_small": ("{network}: fewer than {n} members, so its figures are not shown.",
                   "{network}: minder dan {n} leden, daarom staan de cijfers er niet."),
    "card_hidden": ("{network}: its figures are not shown, or those of the network with fewer than {n} members "
                    "would follow from the programme's.",
                    "{network}: de cijfers staan er niet, anders volgen die van het netwerk met minder dan {n} leden "
                    "uit die van het programma."),
    "quarters_title": ("Share of ties across a {by} boundary per quarter, per learning network",
                       "Aandeel relaties over een grens van {by} per kwartaal, per leernetwerk"),
    "quarters_note": ("Each panel counts the ties between members of that network with a record in the quarter. "
                      "A hollow point: the data cover the quarter only in part; a gap: no such ties. Networks with "
                      "fewer than {n} members are left out.",
                      "Elk paneel telt de relaties tussen leden van dat netwerk met een registratie in het "
                      "kwartaal. Een open punt: de gegevens beslaan maar een deel van het kwartaal; een gat: geen "
                      "zulke relaties. Netwerken met minder dan {n} leden zijn weggelaten."),
    # ---- work forms and group size -------------------------------------------------------------
    "sec_forms": ("Work forms and group size", "Werkvormen en groepsgrootte"),
    "nav_forms": ("Work forms", "Werkvormen"),
    "forms_intro": ("Per kind of meeting and per number of attendees: how many first contacts across a {by} "
                    "boundary arose. A first contact is a pair who met for the first time at such a meeting; "
                    "person-hours are the meeting's duration times its attendees; per person-hour counts the "
                    "meetings with a duration only.",
                    "Per soort bijeenkomst en per aantal aanwezigen: hoeveel eerste contacten over een grens van "
                    "{by} er ontstonden. Een eerste contact is een paar dat elkaar voor het eerst trof op zo'n "
                    "bijeenkomst; persoonsuren zijn de duur van de bijeenkomst maal het aantal aanwezigen; per "
                    "persoonsuur telt alleen bijeenkomsten met een duur."),
    "forms_best": ("Per person-hour most first contacts across a {by} boundary arose at {form} ({rate} per hour), "
                   "fewest at {low} ({low_rate} per hour).",
                   "Per persoonsuur ontstonden de meeste eerste contacten over een grens van {by} bij {form} "
                   "({rate} per uur), de minste bij {low} ({low_rate} per uur)."),
    "forms_p": ("The p-value says how often a difference this large between a form and the other forms arises "
                "when the forms of the first contacts are shuffled at random ({n} times): below {level}, the "
                "difference in the share of first contacts across a boundary is unlikely to be chance.",
                "De p-waarde zegt hoe vaak een even groot verschil met de andere vormen ontstaat als de vormen van "
                "de eerste contacten willekeurig worden geschud ({n} keer): onder {level} is het verschil in het "
                "aandeel eerste contacten over een grens waarschijnlijk geen toeval."),
    "forms_no_p": ("No permutation test was run (0 permutations), so there are no p-values.",
                   "Er is geen permutatietoets gedaan (0 permutaties), dus er zijn geen p-waarden."),
    "forms_undated": ("{n} meetings with two or more attendees have no date, so first contacts cannot be "
                      "placed: only meetings and hours are shown.",
                      "{n} bijeenkomsten met twee of meer aanwezigen hebben geen datum, dus eerste contacten zijn "
                      "niet te plaatsen: alleen bijeenkomsten en uren staan er."),
    "forms_undated_one": ("{n} meeting with two or more attendees has no date, so first contacts cannot be "
                          "placed: only meetings and hours are shown.",
                          "{n} bijeenkomst met twee of meer aanwezigen heeft geen datum, dus eerste contacten zijn "
                          "niet te plaatsen: alleen bijeenkomsten en uren staan er."),
    "forms_chart_title": ("First contacts across a {by} boundary per person-hour",
                          "Eerste contacten over een grens van {by} per persoonsuur"),
    "forms_none": ("The data have no meetings with two or more attendees.",
                   "De gegevens hebben geen bijeenkomsten met twee of meer aanwezigen."),
    "dim_kind": ("kind of meeting", "soort bijeenkomst"),
    "dim_size": ("attendees", "aanwezigen"),
    "no_kind": ("(no kind)", "(geen soort)"),
    "col_form": ("form", "vorm"),
    "col_mean_size": ("mean attendees", "gemiddeld aanwezig"),
    "col_first_ties": ("first contacts", "eerste contacten"),
    "col_cross_first": ("of which across a boundary", "waarvan over een grens"),
    "col_cross_per_hour": ("across per person-hour", "over een grens per persoonsuur"),
    "col_p": ("p-value", "p-waarde"),
    # ---- brokers and dependency on the coordinator ---------------------------------------------
    "sec_dependency": ("Brokers and dependency on the coordinator", "Makelaars en afhankelijkheid van de coördinator"),
    "nav_dependency": ("Dependency", "Afhankelijkheid"),
    "dependency_intro": ("Per learning network its coordinators and its top brokers (the members on most shortest "
                         "paths between other members) are left out one at a time. Cut off: members who then no "
                         "longer belong to the largest connected group of the network. Fragmentation (Borgatti "
                         "2006): the share of pairs of members who cannot reach each other, from 0 (everyone "
                         "connected) to 1.",
                         "Per leernetwerk worden de coördinatoren en de belangrijkste makelaars (de leden die op de "
                         "meeste kortste wegen tussen andere leden liggen) één voor één weggelaten. Los: leden die "
                         "dan niet meer bij de grootste verbonden groep van het netwerk horen. Versnippering "
                         "(Borgatti 2006): het aandeel paren leden dat elkaar niet kan bereiken, van 0 (iedereen "
                         "verbonden) tot 1."),
    "dependency_most": ("{network} depends most on one person: without {person} ({reason}) {n} of its other "
                        "{others} members are cut off.",
                        "{network} hangt het meest af van één persoon: zonder {person} ({reason}) raken {n} van de "
                        "{others} andere leden los."),
    "dependency_most_one": ("{network} depends most on one person: without {person} ({reason}) {n} of its other "
                            "{others} members is cut off.",
                            "{network} hangt het meest af van één persoon: zonder {person} ({reason}) raakt {n} van "
                            "de {others} andere leden los."),
    "dependency_none": ("In no learning network is anyone cut off when one coordinator or top broker is left out.",
                        "In geen enkel leernetwerk raakt iemand los als één coördinator of makelaar wordt "
                        "weggelaten."),
    "dependency_empty": ("No learning network has a coordinator or a broker to leave out.",
                         "Geen leernetwerk heeft een coördinator of makelaar om weg te laten."),
    "reason_coordinator": ("coordinator", "coördinator"),
    "reason_broker": ("top broker", "makelaar"),
    "reason_both": ("coordinator and top broker", "coördinator en makelaar"),
    "col_key_role": ("role in the network", "rol in het netwerk"),
    "col_frag_before": ("fragmentation", "versnippering"),
    "col_frag_after": ("fragmentation without them", "versnippering zonder hen"),
    "col_cut_off": ("members cut off", "leden los"),
    "col_cut_share": ("of the other members", "van de andere leden"),
    # ---- doorwerking per learning network ------------------------------------------------------
    "sec_doorwerking": ("Do the ties last after each network's end?", "Doorwerking na het einde van elk netwerk"),
    "nav_doorwerking": ("Lasting ties", "Doorwerking"),
    "doorwerking_intro": ("Lasting ties: of the ties that arose in a learning network up to its end (its end date in "
                          "the networks table, else its last meeting, else its last record), the share with a "
                          "record after that end, in any context. The fewer days the data run on after an end, "
                          "the less room for such a record: the table says how many.",
                          "Doorwerking: van de relaties die in een leernetwerk ontstonden tot het einde ervan (de "
                          "einddatum in de netwerkentabel, anders de laatste bijeenkomst, anders de laatste "
                          "registratie), het deel met nog een registratie na dat einde, in welk verband ook. Hoe "
                          "minder dagen de gegevens na een einde doorlopen, hoe minder kans op zo'n registratie: "
                          "de tabel zegt hoeveel."),
    "dw_best": ("{network} lasts most: {share} of the {formed} that arose in it up to its end ({end}) had a record "
                "after it; {low} lasts least ({low_share}).",
                "{network} werkt het sterkst door: {share} van de {formed} die er tot het einde ({end}) ontstonden, "
                "had daarna nog een registratie; {low} het zwakst ({low_share})."),
    "dw_programme": ("All learning networks together: {share} of the {formed} that arose in a network had a record "
                     "after its end ({within} within a {by}, {across} across a {by} boundary).",
                     "Alle leernetwerken samen: {share} van de {formed} die in een netwerk ontstonden, had na het "
                     "einde daarvan nog een registratie ({within} binnen een {by}, {across} over een grens van "
                     "{by})."),
    "dw_unseen": ("For {networks} the data do not run on after the network's end, so whether their ties last "
                  "cannot be seen yet.",
                  "Bij {networks} lopen de gegevens niet door na het einde van het netwerk, dus hun doorwerking is "
                  "nog niet te zien."),
    "dw_no_dates": ("The data have no dates, so no tie can be seen to arise in a network or to last after its end.",
                    "De gegevens hebben geen datums, dus van geen relatie is te zien of die in een netwerk ontstond "
                    "of na het einde doorwerkt."),
    "src_networks table": ("networks table", "netwerkentabel"),
    "src_last event": ("last meeting", "laatste bijeenkomst"),
    "src_last record": ("last record", "laatste registratie"),
    "src_each network's own end": ("each network's own end", "eigen einde per netwerk"),
    "src_records": ("records", "registraties"),
    # ---- collabgraph's own words in the data files of a Dutch report and export (report/export.py
    # dutch_values): the code as the English files write it, and the Dutch word
    "v_network": ("network", "leernetwerk"),
    "v_programme": ("programme", "programma"),
    "v_tie_status": ("tie_status", "status van de relatie"),
    "v_group": ("group", "groep"),
    "v_group_pair": ("group_pair", "groepenpaar"),
    "v_new_tie_pair": ("new_tie_pair", "groepenpaar van nieuwe relaties"),
    "v_person": ("person", "persoon"),
    "v_(no network)": NO_NETWORK_WORDS,
    "v_new": ("new", "nieuw"),
    "v_continued": ("continued", "gebleven"),
    "v_dropped": ("dropped", "verdwenen"),
    "v_records": ("records", "registraties"),
    "v_components": ("components", "componenten"),
    "v_between_network_ties": ("between_network_ties", "relaties tussen leernetwerken"),
    "v_role map": ("role map", "rollenlijst"),
    "v_built-in list": ("built-in list", "ingebouwde lijst"),
    "v_the rest": ("the rest", "de rest"),
    "v_coordinator value": ("coordinator value", "coördinatorwaarde"),
    "v_not a coordinator value": ("not a coordinator value", "geen coördinatorwaarde"),
    "v_people": ("people", "mensen"),
    "v_ties": ("ties", "relaties"),
    "v_density": ("density", "dichtheid"),
    "v_largest_component": ("largest_component", "grootste verbonden groep"),
    "v_isolates": ("isolates", "mensen zonder relatie"),
    "v_share_external": ("share_external", "aandeel relaties over de grens"),
    "v_share_expected": ("share_expected", "verwacht aandeel over de grens"),
    "v_ei_index": ("ei_index", "E-I-index"),
    "v_ei_expected": ("ei_expected", "verwachte E-I-index"),
    "v_ei_p_value": ("ei_p_value", "p-waarde E-I-index"),
    "v_assortativity": ("assortativity", "assortativiteit"),
    "v_communities": ("communities", "clusters"),
    "v_communities_of_two_or_more": ("communities_of_two_or_more", "clusters van twee of meer mensen"),
    "v_modularity": ("modularity", "modulariteit"),
    "v_network_of_networks_density": ("network_of_networks_density", "dichtheid van het netwerk van leernetwerken"),
    "v_isolated_flagged": ("isolated_flagged", "gemarkeerd als geïsoleerd"),
    "v_nmi": ("nmi", "NMI"),
    "v_ari": ("ari", "ARI"),
    "col_end": ("end", "einde"),
    "col_end_source": ("end from", "einde volgens"),
    "col_days_after": ("days of data after the end", "dagen gegevens na het einde"),
    "col_formed": ("ties formed", "relaties ontstaan"),
    "col_active_after": ("with a record after", "met registratie daarna"),
    "col_lasting_share": ("share lasting", "aandeel dat doorwerkt"),
    "col_within_by": ("within a {by}", "binnen een {by}"),
    "col_across_by": ("across a {by} boundary", "over een grens van {by}"),
    # ---- role groups ------------------------------------------------------------------------------
    "sec_roles": ("Roles: who reaches whom?", "Rollen: wie bereikt wie?"),
    "nav_roles": ("Roles", "Rollen"),
    "roles_intro": ("People are put in role groups by their role value (coordinators, experiential experts, "
                    "educators, students, clients, and professionals for every other value). Share across: of the "
                    "ties of the group's members with other members of their learning network, the share that "
                    "crosses a {by} boundary (ties with someone without a {by} left out); reach: the distinct "
                    "{by} values within two steps.",
                    "Mensen zijn ingedeeld in rolgroepen naar hun rol (coördinatoren, ervaringsdeskundigen, "
                    "docenten, studenten, cliënten en naasten, en professionals voor elke andere rol). Aandeel "
                    "over een grens: van de relaties van de leden van de groep met andere leden van hun "
                    "leernetwerk, het deel over een grens van {by} (relaties met iemand zonder {by} tellen niet "
                    "mee); "
                    "bereik: het aantal verschillende waarden van "
                    "{by} binnen twee stappen."),
    "roles_mapping": ("Role values read as role groups: {pairs}.", "Rollen ingedeeld in rolgroepen: {pairs}."),
    "roles_coordinators": ("Coordinators are the people whose role is one of the values given as coordinator "
                           "({values}); a role that would otherwise count as coordinator is professional here.",
                           "Coördinatoren zijn de mensen met een van de rollen die als coördinator zijn opgegeven "
                           "({values}); een rol die anders als coördinator telt, is hier professional."),
    "roles_edge": ("In {networks} every experiential expert sits at the edge (fewer contacts and a lower k-core "
                   "than the median member).",
                   "In {networks} staat elke ervaringsdeskundige aan de rand (minder contacten en een lagere "
                   "k-kern dan het middelste lid)."),
    "roles_edge_none": ("In no learning network do all experiential experts sit at the edge.",
                        "In geen enkel leernetwerk staan alle ervaringsdeskundigen aan de rand."),
    "roles_reach": ("Within two steps of an experiential expert: {share} of the other members of their network, "
                    "over all networks with an expert.",
                    "Binnen twee stappen van een ervaringsdeskundige: {share} van de andere leden van hun "
                    "netwerk, over alle netwerken met een ervaringsdeskundige."),
    "roles_education": ("Ties between education (educators, students) and practice (professionals): {share} of all "
                        "ties; most in {network} ({top}).",
                        "Relaties tussen onderwijs (docenten, studenten) en praktijk (professionals): {share} van "
                        "alle relaties; het meest in {network} ({top})."),
    "roles_experts_small": ("Fewer than {n} experiential experts in the data, so their figures are not shown.",
                            "Minder dan {n} ervaringsdeskundigen in de gegevens, daarom staan hun cijfers er "
                            "niet."),
    "roles_groups_title": ("Role groups over all learning networks", "Rolgroepen over alle leernetwerken"),
    "roles_experts_title": ("Experiential experts per learning network", "Ervaringsdeskundigen per leernetwerk"),
    "roles_education_title": ("Education and practice per learning network", "Onderwijs en praktijk per leernetwerk"),
    "g_(no role)": ("(no role)", "(geen rol)"),
    "col_share_members": ("share of members", "aandeel van de leden"),
    "col_cross_by": ("share across a {by} boundary", "aandeel over een grens van {by}"),
    "col_reach_by": ("{by} values within 2 steps", "waarden van {by} binnen 2 stappen"),
    "col_expert_count": ("experts", "ervaringsdeskundigen"),
    "col_one_step": ("members within 1 step", "leden binnen 1 stap"),
    "col_two_steps": ("members within 2 steps", "leden binnen 2 stappen"),
    "col_at_edge": ("experts at the edge", "aan de rand"),
    "col_edu_ties": ("education–practice ties", "relaties onderwijs–praktijk"),
    "col_edu_share": ("share of ties", "aandeel van de relaties"),
    # ---- ratings ----------------------------------------------------------------------------------
    "sec_ratings": ("How members rate their ties", "Hoe leden hun relaties waarderen"),
    "nav_ratings": ("Ratings", "Waardering"),
    "ratings_intro": ("In the survey each respondent rated the colleagues they named (0 is a rating too). Trust and "
                      "value side by side per learning network follow PARTNER's scores: the mean of the ratings "
                      "members give each other (Varda & Retrum 2015).",
                      "In de vragenlijst gaf elke deelnemer een score aan de collega's die hij of zij noemde (ook 0 "
                      "telt). Vertrouwen en waarde per leernetwerk naast elkaar volgen de scores van PARTNER: het "
                      "gemiddelde van de scores die leden elkaar geven (Varda & Retrum 2015)."),
    "ratings_overall": ("Members rate {rating} at {mean} on average ({count} ratings, from {low} to {high}).",
                        "Leden geven {rating} gemiddeld een {mean} ({count} scores, van {low} tot {high})."),
    "ratings_change": ("{rating} went from {before} in {first} to {after} in {last}; pairs rated in both: {change} "
                       "on average ({pairs} pairs).",
                       "{rating} ging van {before} in {first} naar {after} in {last}; paren met een score in "
                       "beide: gemiddeld {change} ({pairs} paren)."),
    "r_trust": ("trust", "vertrouwen"),
    "r_value": ("value", "waarde"),
    "r_frequency": ("frequency", "frequentie"),
    "col_rating": ("rating", "score"),
    "col_mean": ("mean", "gemiddelde"),
    "col_count_ratings": ("ratings", "aantal scores"),
    "col_min": ("lowest", "laagste"),
    "col_max": ("highest", "hoogste"),
    "col_trust_mean": ("trust", "vertrouwen"),
    "col_value_mean": ("value", "waarde"),
    "col_trust_count": ("trust ratings", "scores vertrouwen"),
    "col_value_count": ("value ratings", "scores waarde"),
    "col_waves": ("waves", "metingen"),
    "col_before": ("before", "eerst"),
    "col_after": ("after", "daarna"),
    "col_pairs_both": ("pairs in both", "paren in beide"),
    "col_pair_change": ("change of those pairs", "verandering van die paren"),
    # ---- pollination ------------------------------------------------------------------------
    "pollination_intro": ("Learning networks are linked by people who take part in several of them "
                          "(boundary spanners) and by ties between their members. Openness is the E-I index of "
                          "members' ties with respect to membership: above 0, a network's members have more ties "
                          "outside it than inside.",
                          "Leernetwerken zijn verbonden door mensen die aan meerdere netwerken meedoen "
                          "(verbinders) en door relaties tussen hun leden. Openheid is de E-I-index van de "
                          "relaties van leden naar lidmaatschap: boven 0 hebben leden meer relaties buiten het "
                          "netwerk dan erbinnen."),
    "non_title": ("Network of learning networks", "Netwerk van leernetwerken"),
    "non_no_lines": ("No tie joins a member of one network with a member of another, so the chart has no lines; "
                     "circle size: members.",
                     "Geen relatie verbindt een lid van het ene netwerk met een lid van een ander, dus de figuur "
                     "heeft geen lijnen; cirkelgrootte: aantal leden."),
    "non_note": ("Line width: ties between a member of one network and a member of the other; ties of people "
                 "in both are not counted (network_ties.csv: via_shared); circle size: members.",
                 "Lijndikte: relaties tussen een lid van het ene en een lid van het andere netwerk; relaties van "
                 "mensen in beide tellen niet mee (network_ties.csv: via_shared); cirkelgrootte: aantal leden."),
    "non_small": ("{n} learning networks with fewer than {min_group} members are not drawn, nor their ties: "
                  "{names}.",
                  "{n} leernetwerken met minder dan {min_group} leden zijn niet getekend, en hun relaties ook niet: "
                  "{names}."),
    "non_hidden": ("Nor is {network}, or the smaller network's size would follow from the totals.",
                   "{network} ook niet, anders volgt de omvang van het kleinere netwerk uit de totalen."),
    "non_small_one": ("{n} learning network with fewer than {min_group} members is not drawn, nor its ties: "
                      "{names}.",
                      "{n} leernetwerk met minder dan {min_group} leden is niet getekend, en zijn relaties ook niet: "
                      "{names}."),
    "non_capped": ("The {n} pairs of networks with most ties are drawn, of {total}; network_ties.csv has all.",
                   "De {n} paren netwerken met de meeste relaties zijn getekend, van {total}; network_ties.csv "
                   "bevat ze allemaal."),
    "spanners_title": ("Boundary spanners", "Verbinders"),
    "spanners_note": ("Betweenness: on how many shortest paths between two others a person lies (shared paths in "
                      "proportion). Brokerage: how often a person stands between two of their contacts who have no "
                      "tie with each other.",
                      "Tussenpositie: op hoeveel kortste wegen tussen twee anderen iemand ligt (gedeelde wegen "
                      "naar verhouding). Makelaarsrol: hoe vaak iemand tussen twee eigen contacten staat die "
                      "onderling geen relatie hebben."),
    "no_networks": ("The data name no learning networks.", "De gegevens noemen geen leernetwerken."),
    "no_spanners": ("No one takes part in more than one learning network.",
                    "Niemand doet mee aan meer dan één leernetwerk."),
    # ---- clusters ---------------------------------------------------------------------------
    "clusters_intro": ("Clusters are groups of people with many ties among themselves, found with the {method} "
                       "method (seed {seed}). A cluster is a silo when one organisation or domain makes up at "
                       "least {silo} of its members.",
                       "Clusters zijn groepen mensen met veel onderlinge relaties, gevonden met de "
                       "{method}-methode (startgetal van het toeval: {seed}). Een cluster is een silo als één "
                       "organisatie of domein minstens {silo} van de leden uitmaakt."),
    "clusters_intro_runs": ("Clusters are groups of people with many ties among themselves, found with the {method} "
                            "method: of {runs} runs with the seeds {first} to {last}, the one that agrees best with "
                            "the others (seed {seed}). A cluster is a silo when one organisation or domain makes up "
                            "at least {silo} of its members.",
                            "Clusters zijn groepen mensen met veel onderlinge relaties, gevonden met de "
                            "{method}-methode: van {runs} indelingen met startgetal van het toeval {first} tot en "
                            "met {last} de indeling die het best overeenkomt met de andere (startgetal {seed}). "
                            "Een cluster is een silo als één organisatie of domein minstens {silo} van de leden "
                            "uitmaakt."),
    "clusters_compare": ("Agreement with the {attribute} groups: NMI {nmi}, ARI {ari} (two measures of how well "
                         "two groupings match: 0 = unrelated, 1 = the clusters are exactly those groups; p = {p}).",
                         "Overeenkomst met de groepen naar {attribute}: NMI {nmi}, ARI {ari} (twee maten voor hoe "
                         "goed twee indelingen overeenkomen: 0 = geen verband, 1 = de clusters zijn precies die "
                         "groepen; p = {p})."),
    "clusters_stability": ("Stability over {runs} seeds: mean NMI between runs {nmi}; on average a person stays "
                           "with {person} of the same people.",
                           "Stabiliteit: {runs} keer opnieuw ingedeeld met een ander startgetal komen de "
                           "indelingen gemiddeld overeen met NMI {nmi}; gemiddeld blijft iemand bij {person} van "
                           "dezelfde mensen."),
    "clusters_evolution": ("Clusters from one {freq} to the next: a cluster {parts} (matched by member overlap, "
                           "Greene et al. 2010).",
                           "Clusters van het ene {freq} op het volgende: {parts} (gekoppeld op overlap van leden, "
                           "Greene e.a. 2010)."),
    # the parts of clusters_evolution, each said only when it happened: how many times (over all steps from one
    # window to the next) a cluster did it, not how many clusters did
    "evo_continue": ("continued {n} times", "{n} keer bleef een cluster bestaan"),
    "evo_continue_one": ("continued once", "één keer bleef een cluster bestaan"),
    "evo_grow": ("grew {n} times", "{n} keer groeide een cluster"),
    "evo_grow_one": ("grew once", "één keer groeide een cluster"),
    "evo_shrink": ("shrank {n} times", "{n} keer kromp een cluster"),
    "evo_shrink_one": ("shrank once", "één keer kromp een cluster"),
    "evo_merge": ("merged {n} times", "{n} keer versmolten clusters"),
    "evo_merge_one": ("merged once", "één keer versmolten clusters"),
    "evo_split": ("split {n} times", "{n} keer splitste een cluster"),
    "evo_split_one": ("split once", "één keer splitste een cluster"),
    "evo_birth": ("appeared {n} times", "{n} keer ontstond een cluster"),
    "evo_birth_one": ("appeared once", "één keer ontstond een cluster"),
    "evo_death": ("disappeared {n} times", "{n} keer verdween een cluster"),
    "evo_death_one": ("disappeared once", "één keer verdween een cluster"),
    "clusters_chart_title": ("Composition of the largest clusters by {by}",
                             "Samenstelling van de grootste clusters naar {by}"),
    "clusters_no_chart": ("No member of these clusters has a known {by}, so there is no chart of their composition "
                          "by {by}.",
                          "Van geen van de leden van deze clusters is het kenmerk {by} bekend, dus er is geen figuur "
                          "van hun samenstelling naar {by}."),
    "cluster_label": ("Cluster {id}", "Cluster {id}"),
    "clusters_more": ("The table lists the {n} largest clusters of three or more people; all are in clusters.csv.",
                      "De tabel toont de {n} grootste clusters van drie of meer mensen; alle staan in "
                      "clusters.csv."),
    # ---- isolation --------------------------------------------------------------------------
    "isolation_intro": ("People are flagged for one or more reasons; the suggestions are contacts of contacts"
                        "{prefer} or members of a shared learning network. For people without a tie to the rest of "
                        "the network: {who}{elsewhere}.",
                        "Mensen worden gemarkeerd om een of meer redenen; de suggesties zijn contacten van "
                        "contacten{prefer} of leden van een gedeeld leernetwerk. Voor mensen zonder relatie met de "
                        "rest van het netwerk: {who}{elsewhere}."),
    # the data have no learning networks: no shared network to suggest from, no network's members or coordinator
    "isolation_intro_no_networks": ("People are flagged for one or more reasons; the suggestions are contacts of "
                                    "contacts{prefer}. For people without a tie to the rest of the network: "
                                    "{elsewhere}.",
                                    "Mensen worden gemarkeerd om een of meer redenen; de suggesties zijn contacten "
                                    "van contacten{prefer}. Voor mensen zonder relatie met de rest van het netwerk: "
                                    "{elsewhere}."),
    "isolation_nowhere_both": ("people of the same profession or domain who bridge domains",
                               "mensen met hetzelfde beroep of domein die verbindingen met andere domeinen hebben"),
    "isolation_nowhere_domain": ("people of the same domain who bridge domains",
                                 "mensen uit hetzelfde domein die verbindingen met andere domeinen hebben"),
    "isolation_nowhere_profession": ("people of the same profession", "mensen met hetzelfde beroep"),
    "isolation_nowhere": ("no one can be suggested (the data have no learning networks, domains or professions)",
                          "niemand kan worden voorgesteld (de gegevens hebben geen leernetwerken, domeinen of "
                          "beroepen)"),
    # the parts of isolation_intro, each only for what the people table has (a domain, a profession, a coordinator)
    "isolation_prefer_both": (", preferably from another domain or profession,",
                              ", bij voorkeur uit een ander domein of beroep,"),
    "isolation_prefer_domain": (", preferably from another domain,", ", bij voorkeur uit een ander domein,"),
    "isolation_prefer_profession": (", preferably from another profession,", ", bij voorkeur met een ander beroep,"),
    "isolation_who_coordinator": ("their network's coordinator and best-connected members",
                                  "de coördinator en de best verbonden leden van hun leernetwerk"),
    "isolation_who_members": ("their network's best-connected members", "de best verbonden leden van hun leernetwerk"),
    "isolation_elsewhere_both": (", then people of the same profession or domain elsewhere who bridge domains",
                                 ", dan mensen met hetzelfde beroep of domein elders die verbindingen met andere "
                                 "domeinen hebben"),
    "isolation_elsewhere_domain": (", then people of the same domain elsewhere who bridge domains",
                                   ", dan mensen uit hetzelfde domein elders die verbindingen met andere domeinen "
                                   "hebben"),
    "isolation_elsewhere_profession": (", then people of the same profession elsewhere",
                                       ", dan mensen met hetzelfde beroep elders"),
    "isolation_periphery_rule": ("On the edge is measured within this network: at least two ties, a k-core of at "
                                 "most {core} (below the median, {median_core}) and at most {degree} contacts (the "
                                 "median). In a dense network, someone with many contacts can be on the edge.",
                                 "Aan de rand is gemeten binnen dit netwerk: minstens twee relaties, een k-kern van "
                                 "hoogstens {core} (onder de mediaan, {median_core}) en hoogstens {degree} "
                                 "contacten (de mediaan). In een dicht netwerk kan dus ook iemand met veel "
                                 "contacten aan de rand staan."),
    "isolation_no_suggestion": ("no one found", "niemand gevonden"),
    "isolation_not_searched": ("not searched", "niet gezocht"),
    "isolation_searched_first": ("Introductions are looked for only for the first {n} people of this list, the most "
                                 "isolated; for anyone else run collabgraph suggest --person ID.",
                                 "Voorstellen zijn alleen gezocht voor de eerste {n} mensen van deze lijst, de meest "
                                 "geïsoleerden; voor anderen: collabgraph suggest --person ID."),
    "isolation_searched_first_one": ("Introductions are looked for only for the first person of this list, the most "
                                     "isolated; for anyone else run collabgraph suggest --person ID.",
                                     "Voorstellen zijn alleen gezocht voor de eerste persoon van deze lijst, de meest "
                                     "geïsoleerde; voor anderen: collabgraph suggest --person ID."),
    "isolation_alone": ("no one: {name} is the only person in the data", "niemand: {name} is de enige persoon in de "
                        "gegevens"),
    "isolation_none": ("No one is flagged.", "Niemand is gemarkeerd."),
    "isolation_more": ("{n} more people are flagged; all are listed in isolation.csv.",
                       "Nog {n} mensen zijn gemarkeerd; allen staan in isolation.csv."),
    "isolation_more_one": ("{n} more person is flagged; all are listed in isolation.csv.",
                           "Nog {n} persoon is gemarkeerd; allen staan in isolation.csv."),
    "r_isolate": ("no tie with anyone", "geen enkele relatie"),
    "r_detached": ("in a separate group, not connected to the rest", "in een losse groep, niet verbonden met de rest"),
    "r_detached_network": ("in a separate group, not connected to the rest of their learning network",
                           "in een losse groep, los van de rest van hun leernetwerk"),
    "r_pendant": ("a single tie", "één relatie"),
    "r_periphery": ("on the edge of the network", "aan de rand van het netwerk"),
    "r_low_activity": ("little contact with their contacts", "weinig contact met de eigen contacten"),
    "r_silo": ("all ties inside their own organisation or domain", "alle relaties binnen de eigen organisatie of "
               "het eigen domein"),
    "r_fading": ("much less active recently", "recent veel minder actief"),
    "r_newcomer": ("joined recently, few ties yet", "pas begonnen, nog weinig relaties"),
    "sugg_contacts": ("{n} shared contacts", "{n} gedeelde contacten"),
    "sugg_contacts_one": ("{n} shared contact", "{n} gedeeld contact"),
    "sugg_three": ("three steps away", "drie stappen verwijderd"),
    "sugg_network": ("same learning network", "zelfde leernetwerk"),
    "sugg_coordinator": ("coordinator of the same learning network", "coördinator van hetzelfde leernetwerk"),
    "sugg_bridge": ("same profession or domain, with ties to {n} other domains",
                    "zelfde beroep of domein, met relaties in {n} andere domeinen"),
    "sugg_bridge_one": ("same profession or domain, with ties to {n} other domain",
                        "zelfde beroep of domein, met relaties in {n} ander domein"),
    "sugg_domain": ("other domain", "ander domein"),
    "sugg_profession": ("other profession", "ander beroep"),
    # ---- time -------------------------------------------------------------------------------
    "time_intro": ("The same measures per {freq}: each window holds the ties made in that period.",
                   "Dezelfde maten per {freq}: elk venster bevat de relaties uit die periode."),
    "time_chart_title": ("Share of ties across a {by} boundary per {freq}",
                         "Aandeel relaties over een grens van {by} per {freq}"),
    "time_activity_title": ("Active people and ties per {freq}", "Actieve mensen en relaties per {freq}"),
    "hours_title": ("Time invested per learning network", "Geïnvesteerde tijd per leernetwerk"),
    "col_hours": ("person-hours", "persoonsuren"),
    "col_event_hours": ("in meetings", "in bijeenkomsten"),
    "col_interaction_hours": ("in contacts", "in contacten"),
    "col_events": ("meetings", "bijeenkomsten"),
    "col_attendances": ("attendances", "aanwezigheden"),
    "col_interactions": ("contacts", "contacten"),
    "window_partial": ("{label} (partial)", "{label} (onvolledig)"),
    "time_partial": ("The data ({start} to {end}) cover only part of {windows}, marked partial: their figures "
                     "count only the days covered, so they are not comparable with full periods.",
                     "De gegevens ({start} tot en met {end}) beslaan maar een deel van {windows}, gemarkeerd als "
                     "onvolledig: hun cijfers tellen alleen de gedekte dagen en zijn dus niet vergelijkbaar met "
                     "volledige perioden."),
    "time_partial_one": ("The data ({start} to {end}) cover only part of {windows}, marked partial: its figures "
                         "count only the days covered, so they are not comparable with full periods.",
                         "De gegevens ({start} tot en met {end}) beslaan maar een deel van {windows}, gemarkeerd "
                         "als onvolledig: de cijfers daarvan tellen alleen de gedekte dagen en zijn dus niet "
                         "vergelijkbaar met volledige perioden."),
    "time_partial_compare": ("The before/after comparison uses complete periods only.",
                             "De voor/na-vergelijking gebruikt alleen volledige perioden."),
    "time_none": ("The data have no dates or waves, so there is no time series.",
                  "De gegevens hebben geen datums of metingen, dus er is geen tijdreeks."),
    "freq_day": ("day", "dag"), "freq_week": ("week", "week"), "freq_month": ("month", "maand"),
    "freq_quarter": ("quarter", "kwartaal"), "freq_year": ("year", "jaar"), "freq_wave": ("wave", "meting"),
    # ---- method -----------------------------------------------------------------------------
    "method_data": ("Input", "Invoer"),
    "method_data_intro": ("Rows read, used and rejected per input table. Rejected rows are listed by "
                          "“collabgraph validate --rejected FILE”.",
                          "Gelezen, gebruikte en afgewezen rijen per invoertabel. Afgewezen rijen staan in "
                          "“collabgraph validate --rejected BESTAND”."),
    "method_ties": ("A tie joins two people who interacted or attended the same event. Co-attendance counts "
                    "1/(n−1) per event of n attendees (Newman 2001), so a small case discussion weighs more "
                    "than a plenary.",
                    "Een relatie verbindt twee mensen die contact hadden of dezelfde bijeenkomst bijwoonden. "
                    "Samen aanwezig zijn telt 1/(n−1) per bijeenkomst met n aanwezigen (Newman 2001), zodat "
                    "een kleine casusbespreking zwaarder weegt dan een plenaire bijeenkomst."),
    "method_definitions": ("Definitions", "Definities"),
    "method_parameters": ("Parameters", "Parameters"),
    "method_software": ("Software", "Software"),
    "method_privacy": ("Privacy", "Privacy"),
    "privacy_pseudonymised": ("Names and ids are replaced by pseudonyms (P- and the first hex digits of "
                              "HMAC-SHA256 of the id with a secret salt). Event titles and free attribute columns "
                              "are left out.",
                              "Namen en id's zijn vervangen door pseudoniemen (P- en de eerste hexadecimale "
                              "cijfers van HMAC-SHA256 van het id met een geheime sleutel). Titels van "
                              "bijeenkomsten en vrije kenmerkkolommen zijn weggelaten."),
    "privacy_salt_given": ("The salt was given, so the same salt gives the same pseudonyms in a later report.",
                           "De geheime sleutel is opgegeven, dus dezelfde sleutel geeft in een later rapport "
                           "dezelfde pseudoniemen."),
    "privacy_salt_random": ("The salt was drawn at random and not stored: these pseudonyms cannot be reproduced or "
                            "linked to another report.",
                            "De geheime sleutel is willekeurig gekozen en niet bewaard: deze pseudoniemen zijn "
                            "niet te reproduceren of te koppelen aan een ander rapport."),
    "privacy_plain": ("This report shows names. Use --pseudonymise before sharing it outside the programme.",
                      "Dit rapport toont namen. Gebruik --pseudonymise voordat je het buiten het programma deelt."),
    "privacy_small": ("Tables broken down by an attribute show groups of fewer than {n} people as “<{n}”.",
                      "Tabellen per kenmerk tonen groepen van minder dan {n} mensen als “<{n}”."),
    "d_ei": ("E-I index: (E − I)/(E + I) over ties between (E) and within (I) groups; expected value as UCINET "
             "reports it; two-sided permutation test (Krackhardt & Stern 1988; Borgatti et al. 2002).",
             "E-I-index: (E − I)/(E + I) over relaties tussen (E) en binnen (I) groepen; verwachte waarde zoals "
             "UCINET die geeft; tweezijdige permutatietoets (Krackhardt & Stern 1988; Borgatti e.a. 2002)."),
    "d_assort": ("Assortativity: Newman's r for a nominal attribute (Newman 2003).",
                 "Assortativiteit: Newmans r voor een nominaal kenmerk (Newman 2003)."),
    "d_reach": ("Reach: distinct domains, organisations and professions among contacts and contacts of contacts "
                "(Borgatti 2006).",
                "Bereik: verschillende domeinen, organisaties en beroepen onder contacten en contacten van "
                "contacten (Borgatti 2006)."),
    "d_brokerage": ("Brokerage: Gould & Fernandez (1989) roles as in R sna; constraint and effective size (Burt "
                    "1992); betweenness (Freeman 1977; Brandes 2001{pivots}).",
                    "Makelaarsrollen: Gould & Fernandez (1989) zoals in het R-pakket sna; beperking en effectieve "
                    "omvang (Burt 1992); tussenpositie (Freeman 1977; Brandes 2001{pivots})."),
    "d_pivots": ("; estimated from {k} pivots, Brandes & Pich 2007",
                 "; geschat vanuit {k} willekeurige startpunten, Brandes & Pich 2007"),
    "d_clusters": ("Clusters: {method} community detection (Traag et al. 2019; Blondel et al. 2008) on the "
                   "{ties}; agreement by NMI and ARI.",
                   "Clusters: indeling met de {method}-methode (Traag e.a. 2019; Blondel e.a. 2008) op de "
                   "{ties}; overeenkomst met NMI (genormaliseerde gedeelde informatie) en ARI (gecorrigeerde "
                   "Rand-index)."),
    "d_ties_weighted": ("weighted ties", "gewogen relaties"),
    "d_ties_unweighted": ("ties, each counted once (unweighted)", "relaties, elk één keer geteld (ongewogen)"),
    "d_isolation": ("Isolation: reason codes isolate, detached (outside the largest connected group of their "
                    "learning network; without networks, of the network), pendant, "
                    "periphery (low k-core, Seidman 1983, and few contacts), low_activity (lowest tie weight, not "
                    "on the edge), silo, fading, newcomer; introductions ranked by Adamic–Adar (2003).",
                    "Isolement: de redenen zijn geen enkele relatie; in een losse groep (buiten de grootste "
                    "verbonden groep van hun leernetwerk; zonder leernetwerken: van het netwerk); één relatie; aan "
                    "de rand (lage k-kern, Seidman 1983, en weinig contacten); "
                    "weinig contact (laagste relatiegewicht, niet aan de rand); silo; recent minder actief; pas "
                    "begonnen. Introducties zijn gerangschikt met Adamic–Adar (2003)."),
    "p_by": ("groups by", "groepen naar"),
    "d_clusters_same": ("The same clusters, person for person: collabgraph clusters FOLDER{options}, with the data "
                        "options of this report.",
                        "Dezelfde clusters, persoon voor persoon: collabgraph clusters MAP{options}, met de "
                        "gegevensopties van dit rapport."),
    "p_seed": ("seed", "startgetal van het toeval"),
    "p_permutations": ("permutations", "permutaties"),
    "p_weighted": ("weighted", "gewogen"),
    "p_freq": ("time window", "tijdvenster"),
    "p_betweenness": ("betweenness pivots", "startpunten tussenpositie"),
    "p_exact": ("exact", "exact"),
    "p_method": ("cluster method", "clustermethode"),
    "p_resolution": ("resolution", "resolutie"),
    "p_stability": ("stability runs", "herhalingen voor de stabiliteit"),
    "p_compare": ("clusters compared with", "clusters vergeleken met"),
    "p_directed": ("ties", "relaties"),
    "p_map": ("people on the map", "mensen op de kaart"),
    "p_coordinator_roles": ("roles counted as coordinator", "rollen geteld als coördinator"),
    "p_none": ("none", "geen"),
    "p_compare_none": ("none: no one has a {attr}", "geen: van niemand is het {attr} bekend"),
    "p_map_capped": ("{shown} with the most contacts and {n} without a tie (beside the map); the other {rest} "
                     "grouped by {by}",
                     "{shown} met de meeste contacten en {n} zonder relatie (naast de kaart); de overige {rest} "
                     "gegroepeerd naar {by}"),
    "p_map_capped_none": ("{shown} with the most contacts; the other {rest} grouped by {by}",
                          "{shown} met de meeste contacten; de overige {rest} gegroepeerd naar {by}"),
    "p_all": ("all", "allemaal"),
    "directed": ("directed", "gericht"),
    "undirected": ("undirected", "ongericht"),
    "no_data": ("No data for this section.", "Geen gegevens voor dit onderdeel."),
    "show_all": ("show all {n}", "toon alle {n}"),
    "funder_title": ("What to tell the funder", "Wat vertel je de financier?"),
    "f_reach": ("{people} took part; {share} of their ties cross a {by} boundary, where random mixing would give "
                "{expected}.",
                "Er deden {people} mee; {share} van hun relaties gaat over een grens van {by}, waar willekeurig "
                "mengen {expected} zou geven."),
    "f_change": ("From {before} to {after} that share went from {first} to {last} ({test}).",
                 "Van {before} tot {after} ging dat aandeel van {first} naar {last} ({test})."),
    "f_significant": ("more than chance explains, p = {p}", "meer dan toeval verklaart, p = {p}"),
    "f_chance": ("this may be chance, p = {p}", "dit kan toeval zijn, p = {p}"),
    "f_apart": ("Without any tie: {isolates}; in a separate group, cut off from the rest: {detached}. The "
                "Isolation section suggests whom they could meet.",
                "Zonder enige relatie: {isolates}; in een losse groep, los van de rest: {detached}. Het onderdeel "
                "Isolement stelt voor wie ze kunnen ontmoeten."),
    "f_apart_isolates": ("Without any tie: {isolates}. The Isolation section suggests whom they could meet.",
                         "Zonder enige relatie: {isolates}. Het onderdeel Isolement stelt voor wie ze kunnen "
                         "ontmoeten."),
    "f_apart_detached": ("In a separate group, cut off from the rest: {detached}. The Isolation section suggests "
                         "whom they could meet.",
                         "In een losse groep, los van de rest: {detached}. Het onderdeel Isolement stelt voor wie "
                         "ze kunnen ontmoeten."),
    "f_apart_network": ("Without any tie: {isolates}; in a separate group, cut off from the rest of their learning "
                        "network: {detached}. The Isolation section suggests whom they could meet.",
                        "Zonder enige relatie: {isolates}; in een losse groep, los van de rest van hun leernetwerk: "
                        "{detached}. Het onderdeel Isolement stelt voor wie ze kunnen ontmoeten."),
    "f_apart_none_network": ("Everyone has a tie and belongs to the largest connected group of their learning "
                             "network.",
                             "Iedereen heeft een relatie en hoort bij de grootste verbonden groep van zijn "
                             "leernetwerk."),
    "f_apart_detached_network": ("In a separate group, cut off from the rest of their learning network: {detached}. "
                                 "The Isolation section suggests whom they could meet.",
                                 "In een losse groep, los van de rest van hun leernetwerk: {detached}. Het onderdeel "
                                 "Isolement stelt voor wie ze kunnen ontmoeten."),
    "f_empty": ("The data hold no participants, so there is nothing to tell about their ties yet.",
                "De gegevens bevatten geen deelnemers, dus over hun relaties valt nog niets te vertellen."),
    "f_apart_none": ("Everyone has a tie and belongs to the largest connected group.",
                     "Iedereen heeft een relatie en hoort bij de grootste verbonden groep."),
    "f_caveats": ("Caveats: {caveats}.", "Kanttekeningen: {caveats}."),
    "f_partial": ("{windows} lie only partly within the data ({start} to {end}) and are not comparable with full "
                  "periods",
                  "{windows} vallen maar deels binnen de gegevens ({start} tot en met {end}) en zijn niet "
                  "vergelijkbaar met volledige perioden"),
    "f_partial_one": ("{windows} lies only partly within the data ({start} to {end}) and is not comparable with "
                      "full periods",
                      "{windows} valt maar deels binnen de gegevens ({start} tot en met {end}) en is niet "
                      "vergelijkbaar met volledige perioden"),
    "f_missing": ("for {people} no {by} is known, so they do not count in the boundary figures",
                  "van {people} is het kenmerk {by} niet bekend, zij tellen niet mee in de cijfers over grenzen"),
    "f_missing_one": ("for {people} no {by} is known, so that person does not count in the boundary figures",
                      "van {people} is het kenmerk {by} niet bekend, die persoon telt niet mee in de cijfers over "
                      "grenzen"),
    "f_small": ("{n} {by} groups have fewer than {size} people and are shown as “<{size}”",
                "{n} groepen naar {by} hebben minder dan {size} mensen en staan als “<{size}”"),
    "f_small_one": ("{n} {by} group has fewer than {size} people and is shown as “<{size}”",
                    "{n} groep naar {by} heeft minder dan {size} mensen en staat als “<{size}”"),
    "f_complement": ("{group} is shown as “<{size}” too, or the smaller group's figures would follow from the totals",
                     "ook {group} staat als “<{size}”, anders volgen de cijfers van de kleinere groep uit de totalen"),
    "f_no_caveats": ("no period is covered only in part, everyone's {by} is known, and no {by} group is smaller "
                     "than {size} people",
                     "geen periode valt maar deels binnen de gegevens, van iedereen is het kenmerk {by} bekend en "
                     "geen groep naar {by} is kleiner dan {size} mensen"),
}


def _minus(text: str) -> str:
    """A formatted number with U+2212 (−) for its sign, and no sign when it rounds to zero (``-0,00``); an
    infinity keeps its sign.

    >>> _minus("-1,50"), _minus("-0,00"), _minus("-∞")
    ('−1,50', '0,00', '−∞')
    """
    if not text.startswith("-"):
        return text
    return "−" + text[1:] if any(c in "123456789∞" for c in text) else text[1:]


class Texts:
    """The catalogue in one language, with its number, date and plural rules (:mod:`collabgraph.report.i18n`).

    Examples
    --------
    >>> t = Texts("nl")
    >>> t.count("s_spanners", 1), t.count("s_spanners", 3)
    ('1 persoon doet mee aan meer dan één leernetwerk en brengt ideeën over tussen netwerken.', \
'3 mensen doen mee aan meer dan één leernetwerk en brengen ideeën over tussen netwerken.')
    """

    def __init__(self, lang: str):
        if lang not in LANGUAGES:
            raise ParameterError(f"lang must be one of {', '.join(LANGUAGES)}; got {lang!r}.")
        self.lang = lang
        self._i = LANGUAGES.index(lang)

    def __call__(self, key: str, **fields) -> str:
        return CATALOGUE[key][self._i].format(**fields)

    def __getattr__(self, key: str) -> str:
        if key.startswith("_") or key not in CATALOGUE:
            raise AttributeError(key)
        return CATALOGUE[key][self._i]

    def count(self, key: str, n: float, digits: int = 0, **fields) -> str:
        """The text ``key`` for ``n`` things: its ``_one`` form where CLDR's plural rule of the language says
        ``one`` for ``n`` as shown (``digits`` decimals: ``1`` is one, ``1,0`` other; and ``_none`` for 0 where
        the catalogue has one), with ``n`` formatted as ``{n}``.

        >>> Texts("nl").count("n_person_hours", 1), Texts("nl").count("n_person_hours", 1, digits=1)
        ('1 persoonsuur', '1,0 persoonsuren')
        """
        if n == 0 and f"{key}_none" in CATALOGUE:
            key = f"{key}_none"
        elif plural_form(Decimal(f"{n:.{digits}f}"), self.lang) == "one" and f"{key}_one" in CATALOGUE:
            key = f"{key}_one"
        return self(key, **{"n": self.num(n, digits), **fields})

    def reason(self, code: str, thresholds: dict) -> str:
        """The label of an isolation reason code; ``detached`` names the learning network when it was judged
        within learning networks (``thresholds["detached_by_network"]`` of :mod:`collabgraph.metrics.isolation`).

        >>> Texts("nl").reason("detached", {"detached_by_network": True})
        'in een losse groep, los van de rest van hun leernetwerk'
        """
        network = "_network" if code == "detached" and thresholds.get("detached_by_network") else ""
        return self(f"r_{code}{network}")

    def num(self, value, digits: int = 0) -> str:
        """A number with thousands separators and a true minus (``−1,00``, as the prose writes it); ``–`` when
        missing.

        >>> Texts("nl").num(-1, 2), Texts("en").num(-0.001, 2)
        ('−1,00', '0.00')
        """
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return "–"
        if isinstance(value, str):
            return value
        return _minus(number(value, digits, self.lang))

    def pct(self, value, digits: int = 0) -> str:
        """A share as a percentage (``0.384`` -> ``38%``)."""
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return "–"
        return _minus(number(100 * value, digits, self.lang)) + "%"

    def join(self, items) -> str:
        """Items as a list in prose, by CLDR's list pattern (Babel's ``format_list``): ``a, b en c``.

        >>> Texts("nl").join(["2e kwartaal 2015", "3e kwartaal 2015"]), Texts("en").join(["a", "b", "c"])
        ('2e kwartaal 2015 en 3e kwartaal 2015', 'a, b, and c')
        """
        from babel.lists import format_list

        return format_list([str(x) for x in items], locale=LOCALES[self.lang])

    def window(self, label, partial: bool = False, *, short: bool = False) -> str:
        """A window or period label in the language (:func:`collabgraph.report.i18n.period_label`; ``short`` on
        chart axes and in tables), marked when the window is ``partial``.

        >>> Texts("nl").window("2020Q1", True), Texts("nl").window("2020Q1", short=True)
        ('1e kwartaal 2020 (onvolledig)', 'K1 2020')
        """
        text = period_label(str(label), self.lang, short=short)
        return self("window_partial", label=text) if partial else text

    def date(self, value) -> str:
        """A date (``datetime.date``, ``Timestamp`` or ISO text) as prose shows it: ``14 maart 2021`` in Dutch."""
        if isinstance(value, str):
            value = datetime.date.fromisoformat(value[:10])
        elif isinstance(value, datetime.datetime):
            value = value.date()
        return long_date(value, self.lang)
