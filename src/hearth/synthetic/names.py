"""Names for synthetic people. Surnames are invented from syllables so that no record can be
mistaken for a real family; forenames are common given names."""

from __future__ import annotations

FORENAMES_F = (
    "Amelia", "Olivia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Isabella", "Rosie", "Sophia",
    "Grace", "Freya", "Willow", "Evie", "Poppy", "Ella", "Daisy", "Aisha", "Zara", "Maya",
    "Hannah", "Chloe", "Ruby", "Amara", "Leah", "Nadia", "Esme", "Layla", "Phoebe", "Sienna",
)
FORENAMES_M = (
    "Oliver", "George", "Noah", "Arthur", "Leo", "Muhammad", "Harry", "Oscar", "Jack", "Charlie",
    "Freddie", "Alfie", "Theo", "Archie", "Henry", "Finley", "Luca", "Jacob", "Ethan", "Kai",
    "Isaac", "Yusuf", "Reuben", "Tomasz", "Kofi", "Ravi", "Dylan", "Mason", "Riley", "Sami",
)
_PREFIXES = (
    "Al", "Bren", "Cor", "Dal", "El", "Fen", "Gar", "Hol", "Isk", "Jor", "Kel", "Lun", "Mor",
    "Nev", "Orl", "Pen", "Quil", "Ros", "Sel", "Tam", "Ul", "Vor", "Wen", "Yar", "Zel",
)
_SUFFIXES = (
    "dane", "brook", "vex", "moth", "quill", "tarn", "wick", "zell", "ovar", "ithe", "umble",
    "arrow", "esk", "ford", "yne", "astle", "obin", "erly",
)
SURNAMES = tuple(p + s for p in _PREFIXES for s in _SUFFIXES)
