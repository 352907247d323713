"""Header words of exports in German, French, Spanish, Italian, Portuguese and Dutch.

The same shape as the English table in ``mapper.match.names``: candidate API names, then
the phrases (``|``-separated) that mean them; the first candidate the module can take wins.
Words with two meanings across these languages are left out on purpose: Portuguese
`apelido` (a surname in Portugal, a nickname in Brazil), `titel`/`titre`/`titolo` (an
academic title or a salutation, sometimes a job title), Italian `ufficio` (an office
phone, or the office itself).
"""

from __future__ import annotations

# the module's own name field (Accounts -> Account_Name), in any table
NAME_PLACEHOLDER = "<name>"
NAME = NAME_PLACEHOLDER

# (candidate API names, phrases) per meaning; one row may hold several languages
PHRASES: tuple[tuple[tuple[str, ...], str], ...] = (
    # first and last names; the Romance `nombre`/`nome` alone is a first name, and names
    # the record where the module has no First_Name
    (("First_Name",), "vorname|rufname|prénom|nombre de pila|primeiro nome|nome próprio"),
    (("First_Name",), "voornaam|roepnaam"),
    (("First_Name", NAME), "nombre|nome"),
    (("Last_Name",), "nachname|familienname|zuname|nom de famille|apellido|apellidos"),
    (("Last_Name",), "primer apellido|cognome|sobrenome|último nome|achternaam|familienaam"),
    (("Last_Name", NAME), "nom"),
    (("Salutation",), "anrede|briefanrede|civilité|tratamiento|saludo|appellativo"),
    (("Salutation",), "tratamento|saudação|aanhef"),
    # email
    (("Email",), "e-mail-adresse|email-adresse|mail-adresse|e-mail adresse|courriel"),
    (("Email",), "adresse e-mail|adresse électronique|adresse de messagerie"),
    (("Email",), "adresse mail|correo|correo electrónico|dirección de correo electrónico"),
    (("Email",), "dirección de correo|dirección de email|posta elettronica|indirizzo email"),
    (("Email",), "indirizzo e-mail|indirizzo posta elettronica|indirizzo di posta elettronica"),
    (("Email",), "endereço de email|endereço de e-mail|correio eletrónico|correio eletrônico"),
    (("Email",), "e-mailadres|emailadres|mailadres"),
    (("Secondary_Email",), "zweite e-mail|sekundäre e-mail|weitere e-mail|e-mail 2 adresse"),
    (("Secondary_Email",), "e-mail secondaire|adresse e-mail secondaire|autre e-mail"),
    (("Secondary_Email",), "adresse de messagerie 2|correo electrónico secundario"),
    (("Secondary_Email",), "correo secundario|dirección de correo electrónico 2"),
    (("Secondary_Email",), "correo electrónico 2|email secondaria|e-mail secondaria"),
    (("Secondary_Email",), "indirizzo posta elettronica 2|e-mail secundário|email secundário"),
    (("Secondary_Email",), "endereço de email 2|secundaire e-mail|e-mailadres 2|tweede e-mail"),
    # telephones
    (("Phone",), "telefon|telefonnummer|telefon geschäftlich|festnetz|rufnummer|téléphone"),
    (("Phone",), "numéro de téléphone|téléphone (bureau)|téléphone professionnel|tél. bureau"),
    (("Phone",), "téléphone fixe|teléfono|número de teléfono|teléfono del trabajo|telefono"),
    (("Phone",), "teléfono fijo|teléfono de la oficina|numero di telefono|telefono ufficio"),
    (("Phone",), "telefono (uff.)|telefone|número de telefone|telefone comercial|telefone fixo"),
    (("Phone",), "telefoon|telefoonnummer|telefoon op werk|vast nummer"),
    (("Mobile",), "mobil|mobiltelefon|handy|handynummer|mobilnummer|mobilfunknummer"),
    (("Mobile",), "portable|téléphone mobile|tél. mobile|téléphone portable|gsm"),
    (("Mobile",), "numéro de portable|móvil|celular|teléfono móvil|teléfono celular"),
    (("Mobile",), "número de móvil|cellulare|cell.|telefono cellulare|numero di cellulare"),
    (("Mobile",), "telemóvel|telefone celular|número de celular|mobiel|mobiele telefoon"),
    (("Mobile",), "mobiel nummer|mobiele nummer"),
    (("Home_Phone",), "telefon privat|privattelefon|téléphone (domicile)|téléphone domicile"),
    (("Home_Phone",), "tél. domicile|teléfono particular|teléfono de casa|telefono casa"),
    (("Home_Phone",), "telefono abitazione|telefone residencial|telefone de casa"),
    (("Home_Phone",), "telefoon thuis|telefoon privé"),
    (("Other_Phone",), "weiteres telefon|anderes telefon|autre téléphone|otro teléfono"),
    (("Other_Phone",), "altro telefono|outro telefone|andere telefoon|overige telefoon"),
    (("Asst_Phone",), "telefon assistent|telefon assistentin|téléphone de l'assistant(e)"),
    (("Asst_Phone",), "teléfono del asistente|telefono assistente|telefone do assistente"),
    (("Asst_Phone",), "telefoon assistent"),
    (("Assistant",), "assistent|assistentin|name des assistenten|nom de l'assistant(e)"),
    (("Assistant",), "asistente|nombre del asistente|assistente|nome assistente"),
    (("Assistant",), "nome do assistente|naam assistent"),
    (("Fax",), "fax geschäftlich|faxnummer|telefax|télécopie|télécopie (bureau)|fax (bureau)"),
    (("Fax",), "numéro de fax|fax del trabajo|número de fax|fax (uff.)|numero di fax"),
    (("Fax",), "fax comercial|fax op werk"),
    # web and notes
    (("Website",), "webseite|internetseite|internet|internetadresse|site web|site internet"),
    (("Website",), "sitio web|página web|sito web|sito internet|sito|site|página da web"),
    (("Website",), "sítio web|webpagina|internetadres"),
    (("Description",), "beschreibung|notizen|notiz|bemerkung|bemerkungen|kommentar"),
    (("Description",), "kommentare|anmerkungen|remarques|commentaire|commentaires"),
    (("Description",), "observations|descripción|notas|observaciones|comentarios"),
    (("Description",), "descrizione|commenti|commento|osservazioni|descrição|observações"),
    (("Description",), "comentários|beschrijving|notities|opmerkingen|opmerking|toelichting"),
    # the record's owner
    (("Owner",), "besitzer|inhaber|verantwortlicher|betreuer|kundenbetreuer|lead-inhaber"),
    (("Owner",), "kontaktinhaber|account-inhaber|propriétaire|propriétaire du prospect"),
    (("Owner",), "propriétaire du contact|propriétaire du compte|propriétaire de l'opportunité"),
    (("Owner",), "chargé de compte|propietario|propietario del contacto|vendedor"),
    (("Owner",), "propietario de posible cliente|propietario de la cuenta|propietario del trato"),
    (("Owner",), "ejecutivo de cuenta|proprietario|proprietario lead|proprietario contatto"),
    (("Owner",), "proprietario account|proprietario opportunità|commerciale|venditore"),
    (("Owner",), "proprietário|proprietário do lead|proprietário do contato|responsável"),
    (("Owner",), "proprietário da conta|proprietário do negócio|eigenaar|leadeigenaar"),
    (("Owner",), "contacteigenaar|accounteigenaar|dealeigenaar|accountmanager|verkoper"),
    (("Owner",), "commercial|responsable"),
    # the company
    (("Account_Name", "Company"), "firma|firmenname|unternehmen|unternehmensname|arbeitgeber"),
    (("Account_Name", "Company"), "société|entreprise|raison sociale|nom de l'entreprise"),
    (("Account_Name", "Company"), "nom de la société|compte|nom du compte|client|empresa"),
    (("Account_Name", "Company"), "compañía|razón social|organización|nombre de la empresa"),
    (("Account_Name", "Company"), "cuenta|nombre de la cuenta|cliente|azienda|società"),
    (("Account_Name", "Company"), "ragione sociale|nome azienda|nome account|razão social"),
    (("Account_Name", "Company"), "nome da empresa|conta|nome da conta|organização|bedrijf"),
    (("Account_Name", "Company"), "bedrijfsnaam|organisatie|onderneming|accountnaam|klant"),
    (("Designation", "Title"), "berufsbezeichnung|funktion|jobtitel|stellenbezeichnung"),
    (("Designation", "Title"), "fonction|poste|titre du poste|intitulé du poste|cargo|puesto"),
    (("Designation", "Title"), "ocupación|qualifica|ruolo|posizione|mansione|função"),
    (("Designation", "Title"), "profissão|functie|functietitel|functienaam|beroep"),
    (("Designation", "Title"), "título"),
    (("Department",), "abteilung|service|département|departamento|reparto|dipartimento"),
    (("Department",), "afdeling"),
    (("Date_of_Birth",), "geburtstag|geburtsdatum|date de naissance|anniversaire"),
    (("Date_of_Birth",), "fecha de nacimiento|cumpleaños|data di nascita|compleanno"),
    (("Date_of_Birth",), "data de nascimento|aniversário|geboortedatum|verjaardag"),
    # lead and company facts
    (("Lead_Source",), "lead-quelle|quelle|herkunft|source du prospect|origine|provenance"),
    (("Lead_Source",), "fuente de posible cliente|origen|fuente|fonte lead|fonte|provenienza"),
    (("Lead_Source",), "origem do lead|origem|leadbron|bron|herkomst"),
    (("Lead_Status", "Status"), "lead-status|statut|statut du prospect|estatus|stato lead"),
    (("Lead_Status", "Status"), "estado de posible cliente|stato|status do lead|situação"),
    (("Industry",), "branche|industrie|secteur|secteur d'activité|sector|industria|settore"),
    (("Industry",), "setor|indústria|ramo de atividade|segmento"),
    (("No_of_Employees", "Employees"), "mitarbeiter|anzahl mitarbeiter|mitarbeiterzahl"),
    (("No_of_Employees", "Employees"), "anzahl der mitarbeiter|beschäftigte|employés"),
    (("No_of_Employees", "Employees"), "nombre d'employés|effectif|effectifs|salariés"),
    (("No_of_Employees", "Employees"), "nombre de salariés|empleados|número de empleados"),
    (("No_of_Employees", "Employees"), "plantilla|dipendenti|numero di dipendenti"),
    (("No_of_Employees", "Employees"), "numero dipendenti|funcionários|número de funcionários"),
    (("No_of_Employees", "Employees"), "colaboradores|werknemers|aantal werknemers"),
    (("No_of_Employees", "Employees"), "aantal medewerkers|medewerkers"),
    (("Annual_Revenue",), "jahresumsatz|umsatz|chiffre d'affaires|chiffre d'affaires annuel"),
    (("Annual_Revenue",), "ingresos anuales|facturación|facturación anual|fatturato"),
    (("Annual_Revenue",), "fatturato annuo|receita anual|faturamento|faturamento anual"),
    (("Annual_Revenue",), "jaaromzet|omzet"),
    (("Rating",), "bewertung|évaluation|calificación|valoración|valutazione|classificação"),
    (("Rating",), "avaliação|beoordeling|waardering"),
    (("Account_Number",), "numéro de compte|número de cuenta|numero account|número da conta"),
    (("Account_Number",), "accountnummer"),
    (("Account_Type", "Type"), "firmentyp|type de compte|tipo de cuenta|tipo di account"),
    (("Account_Type", "Type"), "tipo account|tipo de conta|accounttype"),
    (("Parent_Account",), "übergeordnete firma|übergeordnetes unternehmen|muttergesellschaft"),
    (("Parent_Account",), "mutterunternehmen|compte parent|société mère|maison mère"),
    (("Parent_Account",), "cuenta principal|empresa matriz|cuenta matriz|account principale"),
    (("Parent_Account",), "società madre|capogruppo|conta principal|empresa-mãe|conta pai"),
    (("Parent_Account",), "bovenliggend account|moederbedrijf|moedermaatschappij"),
    (("Email_Opt_Out",), "e-mail-abmeldung|newsletter abbestellt|keine e-mails|e-mail-opt-out"),
    (("Email_Opt_Out",), "désabonné des e-mails|désinscrit|ne pas envoyer d'e-mail"),
    (("Email_Opt_Out",), "no participación en correo electrónico|baja de correo"),
    (("Email_Opt_Out",), "rinuncia email|disiscritto|cancelar inscrição de e-mail"),
    (("Email_Opt_Out",), "descadastrado|afgemeld voor e-mail|afgemeld"),
    (("Skype_ID",), "skype-id"),
    (("Currency",), "währung|devise|monnaie|moneda|divisa|valuta|moeda"),
    (("Tag",), "kategorien|catégories|categorías|categorie|categorias|categorieën"),
    # deals
    (("Deal_Name",), "verkaufschance|name der verkaufschance|deal-name|opportunité"),
    (("Deal_Name",), "nom de l'opportunité|affaire|nom de l'affaire|trato|nombre de trato"),
    (("Deal_Name",), "oportunidad|nombre de la oportunidad|opportunità|nome opportunità"),
    (("Deal_Name",), "trattativa|nome trattativa|negócio|nome do negócio|oportunidade"),
    (("Deal_Name",), "nome da oportunidade|dealnaam|verkoopkans|naam verkoopkans"),
    (("Closing_Date",), "abschlussdatum|voraussichtlicher abschluss|date de clôture"),
    (("Closing_Date",), "date de clôture prévue|fecha de cierre|fecha prevista de cierre"),
    (("Closing_Date",), "fecha estimada de cierre|data di chiusura|data chiusura prevista"),
    (("Closing_Date",), "data chiusura|data de fechamento|data prevista de fechamento"),
    (("Closing_Date",), "sluitingsdatum|verwachte sluitingsdatum|afsluitdatum"),
    (("Amount",), "betrag|wert|auftragswert|montant|valeur|importe|monto|importo|valore"),
    (("Amount",), "valor|montante|valor do negócio|bedrag|waarde|dealwaarde"),
    (("Stage",), "phase|verkaufsphase|étape|étape de vente|fase|etapa|etapa de venta"),
    (("Stage",), "stadio|fase di vendita|estágio|verkoopfase|stadium"),
    (("Probability",), "wahrscheinlichkeit|probabilité|probabilidad|probabilità"),
    (("Probability",), "probabilidade|kans|waarschijnlijkheid"),
    (("Contact_Name", "Who_Id"), "kontakt|kontaktname|ansprechpartner|kontaktperson"),
    (("Contact_Name", "Who_Id"), "nom du contact|interlocuteur|personne de contact|contacto"),
    (("Contact_Name", "Who_Id"), "nombre de contacto|persona de contacto|nombre del contacto"),
    (("Contact_Name", "Who_Id"), "contatto|nome contatto|referente|persona di contatto"),
    (("Contact_Name", "Who_Id"), "contato|nome do contato|pessoa de contato|contactpersoon"),
    (("Contact_Name", "Who_Id"), "naam contactpersoon"),
    # a contact named by its email: the deal's contact, else the record's own email
    (("Contact_Name", "Email"), "kontakt-e-mail|e-mail des kontakts|e-mail du contact"),
    (("Contact_Name", "Email"), "email du contact|courriel du contact|correo del contacto"),
    (("Contact_Name", "Email"), "email del contacto|correo electrónico del contacto"),
    (("Contact_Name", "Email"), "email del contatto|e-mail del contatto|e-mail do contato"),
    (("Contact_Name", "Email"), "email do contato|e-mail contactpersoon"),
    (("Type", "Account_Type"), "typ|art|tipo|soort"),
    (("Next_Step",), "nächster schritt|étape suivante|prochaine étape|siguiente paso"),
    (("Next_Step",), "próximo paso|passo successivo|prossimo passo|próximo passo"),
    (("Next_Step",), "próxima etapa|volgende stap"),
    (("Campaign_Source", "Campaign_Name"), "kampagne|kampagnenquelle|campagne|campaña"),
    (("Campaign_Source", "Campaign_Name"), "source de la campagne|fuente de campaña"),
    (("Campaign_Source", "Campaign_Name"), "campagna|fonte campagna|campanha|campagnebron"),
    (("Campaign_Source", "Campaign_Name"), "origem da campanha"),
)

# address parts, qualified by the words below in either order ("Ort geschäftlich",
# "Rechnungsort", "Ville de facturation", "Werkadres, plaats")
ADDRESS_PARTS = {
    "Street": "straße|strasse|adresse|anschrift|straße und hausnummer|rue|adresse postale"
    "|calle|dirección|domicilio|via|indirizzo|rua|endereço|morada|logradouro|straat|adres",
    "City": "ort|stadt|wohnort|ville|commune|localité|ciudad|localidad|población|municipio"
    "|città|comune|località|cidade|município|localidade|plaats|woonplaats|stad",
    "State": "bundesland|kanton|provinz|région|province|état|provincia|estado"
    "|provincia o estado|región|comunidad autónoma|regione|distrito|provincie",
    "Zip": "plz|postleitzahl|code postal|cp|código postal|cap|codice postale|cep|postcode",
    "Country": "land|land/region|pays|pays/région|país|país o región|paese|nazione"
    "|país/região|land/regio",
}
# qualifier -> which address block it means ("" the module's primary one, "other" a home)
ADDRESS_QUALIFIERS = {
    "": "business|work|office|geschäftlich|büro|(bureau)|professionnel"
    "|del trabajo|de trabajo|(uff.)|comercial|werkadres|werk|zakelijk",
    "other": "home|privat|(domicile)|domicile|del domicilio|particular|(ab.)|residencial"
    "|huisadres|thuis|privé",
    "billing": "rechnungs|rechnungsadresse|de facturation|de facturación|di fatturazione"
    "|de cobrança|factuuradres",
    "shipping": "liefer|lieferadresse|de livraison|de envío|di spedizione|de entrega"
    "|afleveradres|verzendadres",
}
