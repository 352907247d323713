"""`Utf8Proof`: bytes fed in any pieces are proven UTF-8 exactly when Python decodes them."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from mapper.csvfile.source import Utf8Proof

# text of every UTF-8 length, with stray continuation and lead bytes mixed in
PIECES = st.lists(
    st.one_of(
        st.text(max_size=6).map(str.encode),
        st.sampled_from([b"\x80", b"\xc3", b"\xe2\x82", b"\xf0\x9f\x98", b"\xff", b"\xed\xa0\x80"]),
    ),
    max_size=12,
)


def proven(pieces: list[bytes]) -> Utf8Proof:
    proof = Utf8Proof()
    for piece in pieces:
        proof.feed(piece)
    proof.feed(b"", final=True)
    return proof


def utf8_error_at(data: bytes) -> int | None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start
    return None


@given(parts=PIECES, cuts=st.lists(st.integers(0, 80), max_size=6))
def test_the_proof_agrees_with_python_however_the_bytes_are_cut(parts, cuts):
    data = b"".join(parts)
    bounds = sorted({min(cut, len(data)) for cut in cuts} | {0, len(data)})
    pieces = [data[a:b] for a, b in itertools.pairwise(bounds)]
    proof = proven(pieces)
    error_at = utf8_error_at(data)
    assert (proof.failed_at is None) == (error_at is None)
    if error_at is not None:  # the failed piece starts at a character, at or before the error
        assert proof.failed_at is not None and proof.failed_at <= error_at
        assert utf8_error_at(data[: proof.failed_at]) is None


def test_a_character_split_between_pieces_is_carried_to_the_next():
    euro = "€".encode()
    proof = Utf8Proof()
    assert proof.feed(b"price " + euro[:1]) and proof.feed(euro[1:2]) and proof.feed(euro[2:])
    assert proof.feed(b"", final=True) and proof.offset == len(b"price ") + 3


def test_text_ending_inside_a_character_is_not_utf8():
    proof = Utf8Proof()
    assert proof.feed(b"caf\xc3")
    assert not proof.feed(b"", final=True) and proof.failed_at == 3
