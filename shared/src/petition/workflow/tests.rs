//! Property and example tests of the statutory chain.
use super::*;
use proptest::prelude::*;

fn any_action() -> impl Strategy<Value = Action> {
    proptest::sample::select(Action::ALL.to_vec())
}

fn any_kind() -> impl Strategy<Value = PetitionKind> {
    proptest::sample::select(vec![
        PetitionKind::Suggestion,
        PetitionKind::Accusation,
        PetitionKind::Appeal,
        PetitionKind::Inquiry,
    ])
}

proptest! {
    /// Whatever sequence of actions is tried, every state reached obeys the regulation.
    #[test]
    fn no_illegal_state_is_reachable(kind in any_kind(), actions in proptest::collection::vec(any_action(), 0..60)) {
        let mut wf = Workflow::new(kind);
        let mut ever_accepted = false;
        let mut replies_in_round = 0;
        let mut extensions_in_round = 0;
        let mut objections_since_designation = 0;
        for action in actions {
            let before = wf;
            match wf.apply(action) {
                Err(_) => {
                    prop_assert!(!before.allows(action));
                    continue;
                }
                Ok(next) => wf = next,
            }
            // A terminal state is never left.
            prop_assert!(!before.status.is_terminal());
            // The kind of petition never changes.
            prop_assert_eq!(wf.kind, kind);
            // Rounds only move forward, one step at a time, and only on request.
            prop_assert!(wf.round >= before.round);
            if wf.round != before.round {
                prop_assert_eq!(action, Action::RequestReview);
                prop_assert_eq!(before.status, PetitionStatus::Replied);
                prop_assert_eq!(Some(wf.round), before.round.next());
                replies_in_round = 0;
                extensions_in_round = 0;
            }
            if wf.status == PetitionStatus::Handling && before.status != PetitionStatus::Handling {
                ever_accepted = true;
            }
            // Withdrawal only before acceptance.
            if wf.status == PetitionStatus::Withdrawn {
                prop_assert!(!ever_accepted);
                prop_assert_eq!(before.status, PetitionStatus::Submitted);
            }
            // A reply only through the head's approval of a draft; the re-review's closes
            // the matter, and only it closes a matter outside the clock.
            if wf.status == PetitionStatus::Closed {
                prop_assert!(
                    action == Action::Close
                        || (action == Action::ApproveReply && before.round == Round::ReReview)
                );
            }
            // A rating never closes: the review window stays open (art. 35).
            if let Action::Rate(_) = action {
                prop_assert_eq!(wf.status, PetitionStatus::Replied);
            }
            if wf.status == PetitionStatus::Replied && before.status != PetitionStatus::Replied {
                prop_assert_eq!(action, Action::ApproveReply);
                prop_assert_eq!(before.status, PetitionStatus::AwaitingApproval);
                replies_in_round += 1;
            }
            prop_assert!(replies_in_round <= 1, "one published reply per round");
            // A rating only of a published reply, once.
            if let Action::Rate(_) = action {
                prop_assert_eq!(before.status, PetitionStatus::Replied);
                prop_assert_eq!(before.rating, None);
            }
            // One extension, first round only.
            if action == Action::Extend {
                extensions_in_round += 1;
                prop_assert_eq!(wf.round, Round::First);
            }
            prop_assert!(extensions_in_round <= 1);
            // A designated unit cannot object.
            if action == Action::Object {
                prop_assert!(!before.designated);
                objections_since_designation += 1;
            }
            if matches!(action, Action::UpholdObjection | Action::DismissObjection) {
                prop_assert!(wf.designated);
                objections_since_designation = 0;
            }
            prop_assert!(objections_since_designation <= 1);
            // Nothing after the re-review answer: it is final.
            prop_assert!(!(before.round == Round::ReReview && before.status == PetitionStatus::Replied));
        }
    }
}

#[test]
fn the_full_chain_to_a_final_re_review() {
    use Action::*;
    let mut wf = Workflow::new(PetitionKind::Appeal);
    for a in [
        Forward,
        Object,
        DismissObjection,
        ReceiveAccept,
        Extend,
        SubmitDraft,
        ApproveReply,
    ] {
        wf = wf.apply(a).unwrap();
    }
    assert_eq!(wf.status, PetitionStatus::Replied);
    let satisfied = wf.apply(Rate(Rating::Satisfied)).unwrap();
    assert_eq!(
        satisfied.status,
        PetitionStatus::Replied,
        "a rating does not close"
    );
    assert!(
        satisfied.apply(RequestReview).is_ok(),
        "a satisfied petitioner may still ask for 复查 within the window"
    );
    for a in [
        Rate(Rating::NotSatisfied),
        RequestReview,
        SubmitDraft,
        ApproveReply,
    ] {
        wf = wf.apply(a).unwrap();
    }
    assert_eq!(wf.round, Round::Review);
    assert!(
        wf.apply(Rate(Rating::NotSatisfied))
            .unwrap()
            .apply(RequestReview)
            .is_ok()
    );
    let wf = wf
        .apply(Rate(Rating::NotSatisfied))
        .unwrap()
        .apply(RequestReview)
        .unwrap();
    assert_eq!(wf.round, Round::ReReview);
    let wf = wf.apply(SubmitDraft).unwrap().apply(ApproveReply).unwrap();
    assert_eq!(wf.status, PetitionStatus::Closed, "复核意见 is final");
    assert!(
        wf.apply(RequestReview)
            .unwrap_err()
            .0
            .contains("第三十六条")
    );
    assert!(wf.apply(Rate(Rating::NotSatisfied)).is_err());
}

#[test]
fn a_second_extension_and_a_designated_objection_name_their_rule() {
    use Action::*;
    let wf = Workflow::new(PetitionKind::Appeal)
        .apply(AcceptHere)
        .unwrap();
    let wf = wf.apply(Extend).unwrap();
    assert!(wf.apply(Extend).unwrap_err().0.contains("第三十四条"));
    let wf = Workflow::new(PetitionKind::Appeal).apply(Forward).unwrap();
    let wf = wf.apply(Object).unwrap().apply(UpholdObjection).unwrap();
    assert!(wf.apply(Object).unwrap_err().0.contains("第二十三条"));
}

#[test]
fn every_staff_action_names_at_least_one_role() {
    for a in Action::ALL {
        let staff = !matches!(a.performer(), Performer::Petitioner | Performer::System);
        assert_eq!(staff, !a.roles().is_empty(), "{a:?}");
    }
}
