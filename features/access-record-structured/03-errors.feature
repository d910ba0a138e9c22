@hop:provider
Feature: Access Record Structured: unrecognised parameters and the errors of §5.8
  An unrecognised parameter or part is answered 200 with an OperationOutcome warning naming it; a bad
  request is refused with the status and Spine code ARS-INVALID-PARAMETER, ARS-INVALID-RESOURCE, ARS-NHS-NUMBER, ARS-NOT-FOUND, ARS-CONSENT and ARS-DISABLED give (codes from
  Spine-ErrorOrWarningCode-1, not from what the simulator says).

  Background:
    Given the registered patient's structured record root has been resolved on PDS and SDS

  @ARS-UNRECOGNISED
  Scenario: An unrecognised parameter gets a warning, and the record
    When the consumer requests the structured record with an unrecognised parameter includeTelepathy and
      | area      | parts                          |
      | allergies | includeResolvedAllergies=false |
    Then the provider answers 200 with a FHIR Bundle
    And the Bundle carries an OperationOutcome warning naming includeTelepathy

  @ARS-UNRECOGNISED
  Scenario: An unrecognised part is named parent.part
    When the consumer requests the structured record with
      | area      | parts                                                |
      | allergies | includeResolvedAllergies=false, includeMoonPhase=yes |
    Then the provider answers 200 with a FHIR Bundle
    And the Bundle carries an OperationOutcome warning naming includeAllergies.includeMoonPhase

  @ARS-INVALID-PARAMETER
  Scenario Outline: <wrong> is refused 422 INVALID_PARAMETER
    When the consumer requests the structured record with
      | area   | parts   |
      | <area> | <parts> |
    Then the provider answers 422 naming INVALID_PARAMETER

    Examples:
      | wrong                                    | area           | parts                                               |
      | includeAllergies without its part        | allergies      |                                                     |
      | a medication search date in the future   | medication     | medicationSearchFromDate=today+1                    |
      | a search period starting after it ends   | investigations | investigationSearchPeriod=2021-06-01..2020-01-01    |
      | a search period starting in the future   | referrals      | referralSearchPeriod=today+2..                      |
      | a filterStatus that is no status         | problems       | filterStatus=resolved                               |
      | a diary search date in the past          | diary          | diaryEntriesSearchDate=2020-01-01                   |

  @ARS-INVALID-PARAMETER
  Scenario: A filtering part of another area with problems requested is a forbidden combination
    When the consumer requests the structured record with
      | area       | parts                               |
      | problems   |                                     |
      | medication | medicationSearchFromDate=2020-01-01 |
    Then the provider answers 422 naming INVALID_PARAMETER

  @ARS-INVALID-RESOURCE
  Scenario: consultationSearchPeriod with includeNumberOfMostRecent is refused 422 INVALID_RESOURCE
    When the consumer requests the structured record with
      | area          | parts                                                            |
      | consultations | consultationSearchPeriod=2020-01-01..2021-01-01, includeNumberOfMostRecent=3 |
    Then the provider answers 422 naming INVALID_RESOURCE

  @ARS-INVALID-RESOURCE
  Scenario: A body that is no Parameters resource is refused 422 INVALID_RESOURCE
    When the consumer sends the structured record request body '{"resourceType":"Patient"}'
    Then the provider answers 422 naming INVALID_RESOURCE

  @ARS-NHS-NUMBER
  Scenario: An NHS number failing its check digit is refused 400 INVALID_NHS_NUMBER
    When the consumer requests the invalid check digit patient's structured record with
      | area      | parts                          |
      | allergies | includeResolvedAllergies=false |
    Then the provider answers 400 naming INVALID_NHS_NUMBER

  @ARS-NOT-FOUND
  Scenario Outline: The <role> patient's record is not found
    When the consumer requests the <role> patient's structured record with
      | area      | parts                          |
      | allergies | includeResolvedAllergies=false |
    Then the provider answers 404 naming PATIENT_NOT_FOUND

    Examples:
      | role                |
      | unknown             |
      | deceased            |
      | restricted          |
      | second practice's   |
      | inactive            |
      | unverified          |

  @ARS-CONSENT
  Scenario: A patient who dissented from sharing is refused 403 NO_PATIENT_CONSENT
    When the consumer requests the dissenting patient's structured record with
      | area      | parts                          |
      | allergies | includeResolvedAllergies=false |
    Then the provider answers 403 naming NO_PATIENT_CONSENT

  @ARS-DISABLED
  Scenario: A practice with Access Record Structured switched off refuses 403 ACCESS DENIED
    Given the structured-off practice's patient's structured record root has been resolved on PDS and SDS
    When the consumer requests the structured record with
      | area      | parts                          |
      | allergies | includeResolvedAllergies=false |
    Then the provider answers 403 naming "ACCESS DENIED"
