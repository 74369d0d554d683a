import math

import numpy as np
import pytest
from sklearn.base import clone

import reportparse
from multimodal import ClinicalFeaturizer, LabFeaturizer

IT = "Sesso: F\nEmoglobina   12,1   g/dL   12,0 - 15,5\nGlucosio   5,5   mmol/L   3,9 - 5,6\nPCR   < 0,5   mg/L   < 5\n"
EN = "Hemoglobin   13.0   g/dL   12.0 - 15.5\nGlucose   126   mg/dL   70 - 99\nLDH   300   U/L   135 - 225\n"


@pytest.fixture(scope="module")
def reports():
    return [reportparse.parse_text(IT, lang="it"), reportparse.parse_text(EN, lang="en"), None]


def test_panel_units_and_missing_modality(reports):
    f = LabFeaturizer(min_frequency=0.6, interpretation=True, flags=True).fit(reports)
    assert f.panel_ == ["glucose", "hemoglobin"]
    X = f.transform(reports)
    names = list(f.get_feature_names_out())
    assert X.shape == (3, len(names)) and names[:5] == ["glucose", "glucose__relative", "glucose__interpretation",
                                                         "glucose__flag", "glucose__missing"]
    glucose = names.index("glucose")
    assert X[0, glucose] == pytest.approx(5.5 * 18.016, rel=1e-3)  # mmol/L converted to the catalogue's mg/dL
    assert X[1, glucose] == 126.0
    assert X[1, names.index("glucose__interpretation")] == 1.0
    assert X[0, names.index("glucose__relative")] == pytest.approx((5.5 - 3.9) / (5.6 - 3.9), rel=1e-3)
    assert np.isnan(X[2]).all()  # no report: the whole modality is missing


def test_missing_analyte_indicator_and_dict_input(reports):
    f = LabFeaturizer(analytes=["ldh", "crp"]).fit(reports)
    X = f.transform([r.to_dict() if r else None for r in reports])
    names = list(f.get_feature_names_out())
    assert X[0, names.index("ldh__missing")] == 1.0 and math.isnan(X[0, names.index("ldh")])
    assert X[1, names.index("ldh")] == 300.0 and X[0, names.index("crp")] == 0.5


def test_sklearn_conventions(reports):
    f = LabFeaturizer(min_frequency=0.3)
    assert clone(f).get_params() == f.get_params()
    assert np.array_equal(f.fit_transform(reports), f.fit(reports).transform(reports), equal_nan=True)
    from sklearn.exceptions import NotFittedError

    with pytest.raises(NotFittedError):
        LabFeaturizer().transform(reports)


def test_clinical():
    records = [{"age": 54, "sex": "female", "site": "posterior torso"}, {"age": None, "sex": None, "site": None}]
    f = ClinicalFeaturizer().fit(records)
    X = f.transform(records)
    names = list(f.get_feature_names_out())
    assert X[0, names.index("age")] == 54 and X[0, names.index("sex__female")] == 1
    assert X[0, names.index("site__posterior torso")] == 1
    assert math.isnan(X[1, names.index("age")]) and X[1, names.index("age__missing")] == 1
    assert X[1, names.index("sex__missing")] == 1 and X[1, names.index("site__missing")] == 1
