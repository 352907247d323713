"""Header vocabulary: normalised spelling, the synonyms real CRM exports use, and which
column an option's header names."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

from mapper.match.languages import ADDRESS_PARTS, ADDRESS_QUALIFIERS, NAME_PLACEHOLDER, PHRASES

if TYPE_CHECKING:
    from mapper.match.model import ColumnLike

# phrases from real exports -> candidate API names; the first the module can take wins.
# NAME_PLACEHOLDER stands for the module's own name field (Accounts -> Account_Name).
_SYNONYM_PHRASES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("Last_Name",), "surname|family name|last name|lname|last"),
    (("First_Name",), "given name|forename|first name|fname|first|christian name"),
    (("Salutation",), "prefix|name prefix|honorific"),
    (("Email",), "email address|mail|email 1|primary email|work email|business email"),
    (("Email",), "email address 1|e-mail address 1"),
    (("Secondary_Email",), "email 2|other email|alternate email|e-mail 2 address"),
    (("Phone",), "telephone|tel|phone number|work phone|business phone|office phone|phone 1"),
    (("Phone",), "main phone|primary phone|contact number|phone number 1"),
    (("Mobile",), "mobile phone|mobile number|mobile phone number|cell|cell phone|mobile no"),
    (("Mobile",), "cell phone number|cellphone|mobile telephone"),
    (("Asst_Phone",), "assistant's phone|assistant phone|assistant telephone"),
    (("Assistant",), "assistant's name|assistant name"),
    (("Reports_To",), "manager's name|manager name|manager"),
    (("Home_Phone",), "home telephone|private phone"),
    (("Fax",), "fax number|business fax|fax no"),
    (("Website",), "web|homepage|home page|web site|website url|url|web page|web page 1"),
    (("Description",), "notes|note|comments|comment|remarks|details|about"),
    (("Owner",), "owner|lead owner|contact owner|account owner|deal owner|company owner"),
    (("Owner",), "record owner|assigned to|assignee|sales rep|salesperson|sales agent"),
    # a user lookup found by the owner's email
    (("Owner",), "owner email|owner e-mail|owner email address|record owner email"),
    (("Owner",), "lead owner email|contact owner email|account owner email|deal owner email"),
    (("Owner",), "sales rep email|salesperson email|assigned to email"),
    (("Account_Name", "Company"), "company|company name|account|account name|business name"),
    (("Account_Name", "Company"), "organization|organisation|organization name"),
    (("Account_Name", "Company"), "associated company|organisation name|employer"),
    (("Designation", "Title"), "organization title|organisation title"),
    (("Department",), "organization department|organisation department"),
    (("Parent_Account", "Parent_Campaign"), "parent|parent company|parent organization"),
    (("SIC_Code",), "sic"),
    (("Designation", "Title"), "job title|position|job position|role|job|occupation|title"),
    (("Department",), "dept|division"),
    (("Date_of_Birth",), "dob|birthday|birth date|birthdate"),
    (("Lead_Source",), "source|lead source|origin|channel|original source"),
    (("Type", "Account_Type"), "type"),
    (("Lead_Status", "Status"), "status|lead status"),
    (("Industry",), "sector|vertical"),
    (("No_of_Employees", "Employees"), "employees|number of employees|employee count"),
    (("No_of_Employees", "Employees"), "headcount|company size|num employees|numemp"),
    (("Annual_Revenue",), "revenue|annual revenue|turnover|yearly revenue"),
    (("Deal_Name",), "opportunity|opportunity name|potential name|deal|deal title|topic"),
    (("Closing_Date",), "close date|closed date|expected close date|est close date|close"),
    (("Amount",), "value|deal value|deal amount|opportunity amount|close value"),
    (("Amount",), "estimated value|est revenue"),
    (("Stage",), "deal stage|sales stage|pipeline stage|stage name|opportunity stage"),
    (("Contact_Name", "Who_Id"), "contact|contact name|contact person|primary contact"),
    # a contact named by its email: the deal's contact (found by email), else the email
    (("Contact_Name", "Email"), "contact email|contact e-mail|contact email address"),
    (("Contact_Name", "Email"), "primary contact email|contact person email"),
    (("Campaign_Source", "Campaign_Name"), "campaign|campaign name|source campaign"),
    (("Vendor_Name",), "vendor|supplier"),
    (("Product_Code",), "sku|item code|part number"),
    (("Unit_Price",), "price|list price"),
    (("Email_Opt_Out",), "opt out|unsubscribed|do not email|has opted out of email"),
    (("Skype_ID",), "skype|skype name"),
    (("Twitter",), "twitter handle|twitter username"),
    (("Tag",), "tags|labels|label|categories"),
    (("Probability",), "win probability|likelihood"),
    (("Due_Date",), "due|deadline"),
    ((NAME_PLACEHOLDER,), "name|record name|display name"),
)
_ADDRESS_PHRASES = {
    "Street": "street|address|street address|address 1|address line 1|street 1",
    "City": "city|town|locality",
    "State": "state|province|region|state/province|state/region",
    "Zip": "zip|zip code|postcode|post code|postal code|zip/postal code",
    "Country": "country|country/region|nation",
}
# an unqualified address word goes to the module's primary address block
_ADDRESS_PREFIXES = {
    "": ("", "Mailing_", "Billing_"),
    "mailing": ("Mailing_",),
    "billing": ("Billing_",),
    "shipping": ("Shipping_",),
    "other": ("Other_",),
}


def normalise(text: str) -> str:
    """Case, accents, spaces, punctuation and underscores folded away: `E-mail` -> `email`."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(c for c in plain.casefold() if c.isalnum())


def _address_field(prefix: str, part: str) -> str:
    if part != "Zip":
        return prefix + part
    return {"": "Zip_Code", "Mailing_": "Mailing_Zip", "Other_": "Other_Zip"}.get(
        prefix, prefix + "Code"
    )


def _build_synonyms() -> dict[str, tuple[str, ...]]:
    """English first, so that a localized phrase never displaces an English one."""
    table: dict[str, tuple[str, ...]] = {}
    for names, phrases in (*_SYNONYM_PHRASES, *PHRASES):
        for phrase in phrases.split("|"):
            table.setdefault(normalise(phrase), names)
    for word, prefixes, part, phrase in _address_phrases():
        names = tuple(_address_field(p, part) for p in prefixes)
        table.setdefault(normalise(f"{word} {phrase}"), names)
    for word, prefixes, part, phrase in _address_phrases():
        # localized qualifiers also follow the part: "Ort geschäftlich", "Rue (bureau)"
        table.setdefault(
            normalise(f"{phrase} {word}"), tuple(_address_field(p, part) for p in prefixes)
        )
    return table


def _address_phrases() -> list[tuple[str, tuple[str, ...], str, str]]:
    """(qualifier, the address prefixes it means, part, part phrase) for every pairing."""
    qualifiers = [(word, _ADDRESS_PREFIXES[word]) for word in _ADDRESS_PREFIXES]
    for key, words in ADDRESS_QUALIFIERS.items():
        qualifiers += [(word, _ADDRESS_PREFIXES[key]) for word in words.split("|")]
    return [
        (word, prefixes, part, phrase)
        for part in _ADDRESS_PHRASES
        for phrase in f"{_ADDRESS_PHRASES[part]}|{ADDRESS_PARTS[part]}".split("|")
        for word, prefixes in qualifiers
    ]


SYNONYMS = _build_synonyms()


# what exporters wrap around a field's name: Google Contacts' "E-mail 1 - Value"
_WRAPPING_SUFFIXES = (" - value",)
# Pipedrive's "Deal - Title", "Person - Email": a record noun of the module, then the field
_RECORD_NOUNS = {
    "Contacts": ("contact", "person"),
    "Accounts": ("account", "organization", "organisation", "company"),
}
_NOUN_SEPARATORS = (" - ", ": ")


def header_variants(header: str, module: str) -> list[str]:
    """The header without an exporter's wrapping, for a second reading; may be empty."""
    text, folded = header.strip(), header.strip().casefold()
    variants = [text[: -len(s)] for s in _WRAPPING_SUFFIXES if folded.endswith(s)]
    nouns = (module.casefold().removesuffix("s"), *_RECORD_NOUNS.get(module, ()))
    for separator in _NOUN_SEPARATORS:
        noun, found, rest = text.partition(separator)
        if found and rest.strip() and normalise(noun) in nouns:
            variants.append(rest.strip())
    return variants


def names_column(name: str, header: str) -> bool:
    """Whether an option's ``name`` (--map, --skip, --layout-column...) names the column
    ``header``: exactly, else ignoring case and outer spaces."""
    return name == header or name.strip().casefold() == header.strip().casefold()


# one column of several with the same header: `Email#4` (that header at 0-based index 4)
# or `@4` (whatever its header); a header that is literally written so wins
_HEADER_AT = re.compile(r"(?P<header>.*)#(?P<index>\d+)|@(?P<at>\d+)", re.DOTALL)


def columns_named(columns: Sequence[ColumnLike], name: str) -> list[int]:
    """Positions in ``columns`` of those an option's ``name`` names: the exact headers
    when there are any (a file may have both `Email` and `email`), then a column
    addressed by index (`HEADER#N`, `@N`), else the folded headers."""
    exact = [i for i, column in enumerate(columns) if column.header == name]
    if exact:
        return exact
    addressed = _HEADER_AT.fullmatch(name.strip())
    if addressed is not None:
        index = int(addressed["index"] or addressed["at"])
        header = addressed["header"]
        return [
            i
            for i, column in enumerate(columns)
            if column.index == index and (header is None or names_column(header, column.header))
        ]
    return [i for i, column in enumerate(columns) if names_column(name, column.header)]


def column_ref(header: str, index: int, headers: Sequence[str]) -> str:
    """How an option names the column at ``index``: its header, `HEADER#N` when other
    columns of ``headers`` share that header (as `columns_named` tells them apart), `@N`
    when it has none."""
    if not header.strip():
        return f"@{index}"
    shared = sum(names_column(header, other) for other in headers)
    return header if shared <= 1 else f"{header}#{index}"
