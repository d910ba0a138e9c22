@hop:provider
Feature: Spine edge — the JWT's requesting resources
  requesting_device, requesting_practitioner and requesting_organization are minimal base-STU3 resources
  (JWT-*-RESOURCE). A claim that is not the right resource is 422 INVALID_RESOURCE (JWT-DEVICE-RESOURCE, JWT-PRACTITIONER-RESOURCE, JWT-ORGANIZATION-RESOURCE); the variants
  real consumers send (UNK SDS ids, no local user id, the legacy ODS system) are accepted.

  Background:
    Given the registered patient's practice has been resolved on PDS and SDS

  Scenario Outline: <claim> of resourceType <type> is refused with 422 INVALID_RESOURCE
    When the consumer sends "read metadata" with <claim> of resourceType <type>
    Then the provider refuses it with 422 INVALID_RESOURCE
    And every error the provider gave is a GPConnect-OperationOutcome-1 with exactly one Spine code

    @JWT-DEVICE-RESOURCE
    Examples: device
      | claim             | type    |
      | requesting_device | Patient |
    @JWT-PRACTITIONER-RESOURCE
    Examples: practitioner
      | claim                   | type    |
      | requesting_practitioner | Patient |
    @JWT-ORGANIZATION-RESOURCE
    Examples: organisation
      | claim                   | type         |
      | requesting_organization | Practitioner |

  Scenario Outline: <claim> that is not a FHIR resource at all is refused with 422 INVALID_RESOURCE
    When the consumer sends "read metadata" with <claim> as a JSON string, not a resource
    Then the provider refuses it with 422 INVALID_RESOURCE
    And every error the provider gave is a GPConnect-OperationOutcome-1 with exactly one Spine code

    @JWT-DEVICE-RESOURCE
    Examples: device
      | claim             |
      | requesting_device |
    @JWT-PRACTITIONER-RESOURCE
    Examples: practitioner
      | claim                   |
      | requesting_practitioner |

  @JWT-PRACTITIONER-RESOURCE
  Scenario: A practitioner with UNK SDS ids is accepted
    When the consumer sends "read metadata" with the practitioner's identifiers:
      | system           | value |
      | sdsUserId        | UNK   |
      | sdsRoleProfileId | UNK   |
    Then the provider accepts it

  @JWT-PRACTITIONER-RESOURCE
  Scenario: A practitioner with only an SDS user id (no role profile, no local id) is accepted
    When the consumer sends "read metadata" with the practitioner's identifiers:
      | system    | value        |
      | sdsUserId | 111222333444 |
    Then the provider accepts it

  @JWT-ORGANIZATION-RESOURCE
  Scenario: An organisation under the legacy ODS system is accepted (backward compatibility)
    When the consumer sends "read metadata" with the organisation's ODS code under the system "http://fhir.nhs.net/Id/ods-organization-code"
    Then the provider accepts it
