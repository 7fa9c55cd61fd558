import Testing

@testable import Serve
@testable import ServeFixtures

@Suite struct JSONSchemaTests {
    @Test func schemaComesFromTheStructDeclaration() {
        #expect(
            Point.jsonSchema.jsonValue.text
                == #"{"title":"Point","description":"A point in the plane.","type":"object","properties":{"x":{"description":"Horizontal position.","type":"number","format":"double"},"y":{"description":"Vertical position.","type":"number","format":"double"},"label":{"description":"An optional label.","anyOf":[{"type":"string"},{"type":"null"}]}},"required":["x"],"additionalProperties":false}"#
        )
        #expect(
            Color.jsonSchema.jsonValue.text
                == #"{"title":"Color","description":"A colour with a raw value.","enum":["red","green","blue"]}"#)
    }
}
