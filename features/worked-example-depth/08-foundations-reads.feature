@hop:provider
Feature: 8+. Foundations reads
  The Patient, Practitioner, Organization and Location the journey met, read by logical id with a weak
  ETag of their version; ids the practice does not have answer 404 naming what was not found (AM-FND-NOTFOUND);
  a read whose Ssp-InteractionID names another interaction is refused (AM-FND-WRONG-INTERACTION).

  Background:
    Given the registered patient's practice has been resolved on PDS and SDS
    And the consumer has found a free slot
    And the consumer finds the patient on the provider

  @AM-FND-READ
  Scenario Outline: Reading the <type> the journey met answers it with a weak ETag
    When the consumer reads the <type> the journey met
    Then the provider answers the <type> with a weak ETag of its versionId

    Examples:
      | type         |
      | Patient      |
      | Practitioner |
      | Organization |
      | Location     |

  @AM-FND-NOTFOUND
  Scenario Outline: Reading an unknown <type> answers 404 <code>
    When the consumer reads the <type> with id "no-such-id"
    Then the provider's answer is 404 <code>

    Examples:
      | type         | code                   |
      | Patient      | PATIENT_NOT_FOUND      |
      | Practitioner | PRACTITIONER_NOT_FOUND |
      | Organization | ORGANISATION_NOT_FOUND |
      | Location     | NO_RECORD_FOUND        |

  @AM-FND-WRONG-INTERACTION
  Scenario Outline: Reading the <type> with the Ssp-InteractionID of <other> answers 400 BAD_REQUEST
    When the consumer reads the <type> the journey met with the Ssp-InteractionID of <other>
    Then the provider's answer is 400 BAD_REQUEST

    Examples:
      | type         | other               |
      | Patient      | "find patient"      |
      | Practitioner | "find practitioner" |
      | Organization | "find organization" |
      | Location     | "read practitioner" |
