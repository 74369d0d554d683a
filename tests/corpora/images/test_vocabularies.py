import pytest

from corpora.images import harmonise_site, map_diagnosis


@pytest.mark.parametrize(
    "text, label",
    [
        ("nv", "nevus"), ("NV", "nevus"), ("bkl", "pigmented benign keratosis"), ("mel", "melanoma"),
        ("MEL", "melanoma"), ("melanoma", "melanoma"), ("Melanoma Invasive", "melanoma"),
        ("Melanoma in situ", "melanoma"), ("nevus", "nevus"), ("Nevus, Spitz", "nevus"), ("Blue nevus", "nevus"),
        ("seborrheic keratosis", "pigmented benign keratosis"), ("solar lentigo", "pigmented benign keratosis"),
        ("lichenoid keratosis", "pigmented benign keratosis"),
        ("Lichen planus like keratosis", "pigmented benign keratosis"),
        ("pigmented benign keratosis", "pigmented benign keratosis"),
        ("bcc", "other"), ("basal cell carcinoma", "other"), ("dermatofibroma", "other"), ("Nevus sebaceous", "other"),
        ("squamous cell carcinoma", "other"), ("vascular lesion", "other"),
        ("", None), (None, None), ("unknown", None), ("UNK", None), ("Indeterminate", None),
    ],
)
def test_map_diagnosis(text, label):
    assert map_diagnosis(text) == label


@pytest.mark.parametrize(
    "text, site",
    [("back", "posterior torso"), ("posterior torso", "posterior torso"), ("face", "head/neck"), ("scalp", "head/neck"),
     ("head/neck", "head/neck"), ("chest", "anterior torso"), ("abdomen", "anterior torso"), ("trunk", "torso"),
     ("acral", "palms/soles"), ("palms/soles", "palms/soles"), ("genital", "oral/genital"), ("hand", "upper extremity"),
     ("foot", "lower extremity"), ("lower extremity", "lower extremity"), ("unknown", None), ("", None), (None, None)],
)
def test_harmonise_site(text, site):
    assert harmonise_site(text) == site
