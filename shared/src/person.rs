//! A petitioner's identity: validated personal values and how they are masked for display.

mod email;
mod id_card;
mod mask;
mod name;
mod password;
mod phone;

pub use email::{Email, EmailError};
pub use id_card::{IdCardError, IdCardNumber};
pub use mask::{mask_id_number, mask_name, mask_phone};
pub use name::{NameError, RealName};
pub use password::{Password, PasswordError};
pub use phone::{MobilePhone, PhoneError};
