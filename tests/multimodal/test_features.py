import math

import numpy as np
import pytest
from sklearn.base import clone

import reportparse
from multimodal import ClinicalFeaturizer, LabFeaturizer, SampleFeaturizer

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


def _rows(reports):
    return [{"image": [0.2, 0.8], "report": r, "record": {"age": 40 + i, "sex": "male", "site": None}}
            for i, r in enumerate(reports)]


def test_sample_featurizer_layout(reports):
    f = SampleFeaturizer(LabFeaturizer(min_frequency=0.6), ClinicalFeaturizer())
    X = f.fit_transform(_rows(reports))
    names = list(f.get_feature_names_out())
    assert names[:3] == ["image__0", "image__1", "labs__glucose"] and names[-1] == "clinical__site__missing"
    assert X.shape == (3, len(names)) and f.modalities_["image"] == [0, 1]
    assert f.modalities_["labs"] == list(range(2, 8)) and f.modalities_["clinical"][0] == 8
    assert np.isnan(X[2, f.modalities_["labs"]]).all() and X[1, names.index("clinical__age")] == 41
    assert f.labs is not f.labs_ and not hasattr(f.labs, "panel_")  # fits a clone, like sklearn meta-estimators
    assert clone(f).get_params()["labs"].get_params() == f.labs.get_params()


def test_sample_featurizer_panel_comes_from_the_fitted_samples_only(reports):
    """LDH is only in the second report: fitted on the first, the panel (and the columns) leave it out."""
    f = SampleFeaturizer(LabFeaturizer(min_frequency=0.1)).fit(_rows(reports[:1]))
    assert f.labs_.panel_ == ["crp", "glucose", "hemoglobin"]
    X = f.transform(_rows(reports[1:]))
    assert X.shape == (2, 2 + 9) and not any("ldh" in n for n in f.get_feature_names_out())
    assert "ldh" in SampleFeaturizer(LabFeaturizer(min_frequency=0.1)).fit(_rows(reports)).labs_.panel_


def test_sample_featurizer_without_reports_has_no_lab_modality():
    f = SampleFeaturizer(LabFeaturizer(), None).fit(_rows([None, None]))
    assert f.modalities_ == {"image": [0, 1]} and f.labs_ is None
    assert f.transform(_rows([None])).shape == (1, 2)


def test_an_affine_unit_is_converted_value_by_value():
    # HbA1c mmol/mol -> % is affine (% = mmol/mol / 10.929 + 2.15): a factor from convert(1.0, ...) read 48 as 4800.
    reports = [reportparse.parse_text("HbA1c   48   mmol/mol   20 - 42\n", lang="en"),
               reportparse.parse_text("HbA1c   6.5   %   4.0 - 6.0\n", lang="en")]
    assert [r.values[0].analyte for r in reports] == ["hba1c", "hba1c"]
    f = LabFeaturizer(min_frequency=0.5).fit(reports)
    X = f.transform(reports)
    names = list(f.get_feature_names_out())
    assert X[0, names.index("hba1c")] == pytest.approx(48 / 10.929 + 2.15, rel=1e-9)
    assert X[1, names.index("hba1c")] == 6.5
    assert X[0, names.index("hba1c__relative")] == pytest.approx((48 - 20) / (42 - 20), rel=1e-9)
