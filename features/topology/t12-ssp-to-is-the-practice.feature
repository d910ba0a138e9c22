@TOP-T12 @hop:ssp
Feature: T12. Only requests whose Ssp-To is the practice's own ASID reach it
  Providers route on the URL's ODS code only and accept only requests whose Ssp-To is their ASID for that
  endpoint (TOP-T12); the SSP refuses a target URL that is not Ssp-To's registered endpoint (SSP-URL).

  Background:
    Given the registered patient's practice has been resolved on PDS and SDS

  Scenario: A request addressed to another practice's ASID is refused
    When the consumer sends "read metadata" through the SSP with Ssp-To set to the ASID of the second practice's patient's practice
    Then the request is refused with 400 before the practice answers
