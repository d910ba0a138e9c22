@hop:pds
Feature: 1. PDS trace
  The consumer verifies the patient's NHS number on PDS (FHIR R4) and reads the ODS code of the
  registered GP practice: the input to the SDS lookup (WE-1a … WE-1d).

  Background:
    Given the registered patient
    When the consumer traces the patient on PDS

  @WE-1a
  Scenario: PDS returns the Patient for the NHS number traced
    Then PDS answers 200 with a FHIR Patient
    And the Patient's id is the NHS number traced

  @WE-1b
  Scenario: The NHS number is carried under the nhs-number system with a valid check digit
    Then the PDS Patient carries the NHS number under the nhs-number system with a valid check digit

  @WE-1c
  Scenario: The registered practice's ODS code comes from generalPractitioner
    Then the PDS Patient has exactly one generalPractitioner with an ODS code
    And that ODS code is the practice expected for the patient

  @WE-1d
  Scenario: PDS mirrors the request and correlation IDs
    Then PDS mirrors the X-Request-ID and X-Correlation-ID it was sent

  @WE-1i
  Scenario: The registered patient is living and currently registered at the practice
    Then the PDS Patient is living and its GP registration is current

  @WE-1j
  Scenario: The traced NHS number is verified and the date of birth is a date
    Then the PDS Patient's NHS number is verified and its date of birth is a date
