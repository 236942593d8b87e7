//! The filing form's fields: turning posted text into a [`SubmitPetitionRequest`], and the
//! checks the browser runs before anything is sent.

use std::collections::HashMap;

use shared::error::Problems;
use shared::ids::{CategoryId, RegionId, UnitId};
use shared::petition::{
    Facts, OtherProcedure, PetitionKind, PetitionRequest, PetitionTitle, Respondent,
    SubmitPetitionRequest,
};
use shared::{ApiError, FieldError};

/// Reads the posted form. Fields that are not even of the right shape (a missing kind,
/// a category that is not a number) are reported together with the usual validation.
pub fn request_from_form(f: &HashMap<String, String>) -> Result<SubmitPetitionRequest, ApiError> {
    let text = |k: &str| f.get(k).cloned().unwrap_or_default();
    let mut p = Problems::default();
    let kind = p.check(
        "kind",
        PetitionKind::from_code(&text("kind")).ok_or("请选择信访事项的性质"),
    );
    let category = p.check(
        "category_id",
        text("category_id").parse::<i64>().map_err(|_| "请选择类别"),
    );
    let region = p.check(
        "region_id",
        text("region_id")
            .parse::<i64>()
            .map_err(|_| "请选择问题发生地"),
    );
    let people = p.check(
        "people_count",
        text("people_count")
            .trim()
            .parse::<u32>()
            .map_err(|_| "请填写涉及人数（数字）"),
    );
    // No choice posted means none of them; anything else must be one of the choices.
    let other = match text("other_procedure").as_str() {
        "" => Some(OtherProcedure::None),
        code => p.check(
            "other_procedure",
            OtherProcedure::from_code(code).ok_or("请选择是否已通过其他法定途径处理"),
        ),
    };
    let req = SubmitPetitionRequest {
        kind: kind.unwrap_or(PetitionKind::Appeal),
        category_id: CategoryId(category.unwrap_or(0)),
        region_id: RegionId(region.unwrap_or(0)),
        // An empty choice means "a person, or a unit not in the list" (written below).
        accused_unit_id: text("accused_unit_id")
            .trim()
            .parse::<i64>()
            .ok()
            .map(UnitId),
        respondent: Some(text("respondent")).filter(|r| !r.trim().is_empty()),
        title: text("title"),
        facts: text("facts"),
        request: text("request"),
        other_procedure: other.unwrap_or_default(),
        people_count: people.unwrap_or(1),
        publish_consent: f.contains_key("publish_consent"),
    };
    let mut fields: Vec<FieldError> = match p.finish() {
        Ok(()) => Vec::new(),
        Err(e) => e.fields,
    };
    if let Err(e) = req.validate() {
        let seen: Vec<String> = fields.iter().map(|f| f.field.clone()).collect();
        fields.extend(e.fields.into_iter().filter(|v| !seen.contains(&v.field)));
    }
    if fields.is_empty() {
        Ok(req)
    } else {
        Err(ApiError::validation(fields))
    }
}

pub fn check_title(v: &str) -> Result<(), String> {
    PetitionTitle::parse(v)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

pub fn check_facts(v: &str) -> Result<(), String> {
    Facts::parse(v).map(|_| ()).map_err(|e| e.to_string())
}

pub fn check_request(v: &str) -> Result<(), String> {
    PetitionRequest::parse(v)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

pub fn check_respondent(v: &str) -> Result<(), String> {
    Respondent::parse(v).map(|_| ()).map_err(|e| e.to_string())
}

pub fn check_people(v: &str) -> Result<(), String> {
    match v.trim().parse::<u32>() {
        Ok(n) if (1..=shared::petition::MAX_PEOPLE).contains(&n) => Ok(()),
        _ => Err(format!(
            "涉及人数应在1到{}之间",
            shared::petition::MAX_PEOPLE
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_with_broken_and_invalid_fields_reports_them_all() {
        let form: HashMap<String, String> = [
            ("kind", ""),
            ("category_id", "x"),
            ("region_id", "3"),
            ("people_count", "0"),
            ("title", "短"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        let err = request_from_form(&form).unwrap_err();
        let names: Vec<_> = err.fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(
            names,
            [
                "kind",
                "category_id",
                "title",
                "facts",
                "request",
                "people_count"
            ]
        );
    }
}
