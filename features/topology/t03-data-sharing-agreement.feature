@TOP-T3 @hop:ssp
Feature: T3. The SSP forwards only between ASIDs with a data-sharing agreement
  The SSP filters out every request between organisations not registered as having a mutual data-sharing
  agreement, answering 403 FOT_CHECK_FAILED (SSP-FOT, TOP-T3).

  Background:
    Given the registered patient's practice has been resolved on PDS and SDS

  Scenario: A consumer with an agreement reaches the practice
    When the consumer sends "read metadata" through the SSP
    Then the provider answers 200 with a FHIR CapabilityStatement

  Scenario: A consumer organisation with no agreement is refused
    When a consumer organisation with no data-sharing agreement sends "read metadata" through the SSP
    Then the SSP answers 403 naming FOT_CHECK_FAILED
