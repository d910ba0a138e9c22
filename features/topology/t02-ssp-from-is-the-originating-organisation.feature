@TOP-T2 @hop:ssp
Feature: T2. Ssp-From is the originating organisation's ASID
  Ssp-From carries the ASID of the organisation where the request originates (the logged-on user's), never
  the hosting or provisioning organisation's, and the JWT's requesting_organization names that same
  organisation (TOP-T2). Checked over each recorded request against SDS's AS records.

  Background:
    Given the registered patient's practice has been resolved on PDS and SDS

  Scenario: A request from the consumer's own organisation satisfies T2
    When the consumer sends "read metadata" through the SSP
    Then rule T2 holds for the recorded request

  Scenario: A portal sending for a practice it hosts with its own ASID is flagged
    When the consumer sends "read metadata" through the SSP for a user at organisation "C81001"
    Then rule T2 flags the recorded request
