//! The petitioner of a matter registered by staff for someone without an account (a
//! letter, a visit, a call): encrypted, with blind indexes that let their account claim it.

use sqlx::{AnyPool, Row};

use shared::ids::{CitizenId, PetitionId};

use crate::db::Tx;

/// The encrypted petitioner of a petition registered by staff for someone without an account.
pub struct PetitionerEnc {
    pub name: Vec<u8>,
    pub phone: Vec<u8>,
    pub id_number: Option<Vec<u8>>,
    pub address: Option<Vec<u8>>,
}

pub async fn set_petitioner(
    tx: &mut Tx,
    id: PetitionId,
    p: &PetitionerEnc,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE petitions SET petitioner_name_enc = $1, petitioner_phone_enc = $2, petitioner_id_enc = $3, \
         petitioner_address_enc = $4 WHERE id = $5",
    )
    .bind(&p.name)
    .bind(&p.phone)
    .bind(p.id_number.as_deref())
    .bind(p.address.as_deref())
    .bind(id.0)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The offline petitioner's blind indexes (ID number, phone), for linking their account.
pub async fn set_petitioner_index(
    tx: &mut Tx,
    id: PetitionId,
    id_idx: &[u8],
    phone_idx: &[u8],
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE petitions SET petitioner_id_idx = $1, petitioner_phone_idx = $2 WHERE id = $3",
    )
    .bind(id_idx)
    .bind(phone_idx)
    .bind(id.0)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Gives a new account the matters staff registered for the same person (ID number and
/// phone both match); returns how many.
pub async fn claim_offline(
    tx: &mut Tx,
    citizen: CitizenId,
    id_idx: &[u8],
    phone_idx: &[u8],
) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(
        "UPDATE petitions SET citizen_id = $1 WHERE citizen_id IS NULL \
         AND petitioner_id_idx = $2 AND petitioner_phone_idx = $3",
    )
    .bind(citizen.0)
    .bind(id_idx)
    .bind(phone_idx)
    .execute(&mut **tx)
    .await?
    .rows_affected())
}

pub async fn petitioner(
    pool: &AnyPool,
    id: PetitionId,
) -> Result<Option<PetitionerEnc>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT petitioner_name_enc, petitioner_phone_enc, petitioner_id_enc, petitioner_address_enc \
         FROM petitions WHERE id = $1",
    )
    .bind(id.0)
    .fetch_optional(pool)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let name: Option<Vec<u8>> = r.try_get(0)?;
    let phone: Option<Vec<u8>> = r.try_get(1)?;
    Ok(match (name, phone) {
        (Some(name), Some(phone)) => Some(PetitionerEnc {
            name,
            phone,
            id_number: r.try_get(2)?,
            address: r.try_get(3)?,
        }),
        _ => None,
    })
}
