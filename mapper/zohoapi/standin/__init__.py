"""A stand-in Zoho on 127.0.0.1: token, org, upload, create-job, job-details and download.

It plays Zoho's answers as docs/zoho-api.md records them, checks what a client sends (the
token, the upload headers, the ZIP and its CSVs, the job body), moves each job from ADDED
through IN PROGRESS to COMPLETED over polls, and builds the result ZIP from the uploaded CSV
with the built-in catalog's mandatory, unique and email fields deciding which rows fail.
Faults are asked for by name (see FAULTS) when starting it or through
``POST /__standin/faults``. Standard library only: the stand-in needs no HTTP client.
"""

from mapper.zohoapi.standin.server import (
    StandinHandle,
    StandinServer,
    make_server,
    standin_environment,
    start_standin,
)
from mapper.zohoapi.standin.state import (
    CLIENT_ID,
    CLIENT_SECRET,
    FAULTS,
    GRANT_CODE,
    HOST,
    ORG_ZGID,
    REFRESH_TOKEN,
    Fault,
    parse_fault,
)

__all__ = [
    "CLIENT_ID",
    "CLIENT_SECRET",
    "FAULTS",
    "GRANT_CODE",
    "HOST",
    "ORG_ZGID",
    "REFRESH_TOKEN",
    "Fault",
    "StandinHandle",
    "StandinServer",
    "make_server",
    "parse_fault",
    "standin_environment",
    "start_standin",
]
