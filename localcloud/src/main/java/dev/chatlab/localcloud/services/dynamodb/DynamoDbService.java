package dev.chatlab.localcloud.services.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.localcloud.config.CloudContext;
import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.services.dynamodb.validation.RequestValidator;

/**
 * localcloud's DynamoDB: the operations of API version 2012-08-10 on JSON requests, answering
 * JSON or throwing AwsException. It never sees HTTP; {@link DynamoDbHandler} does that.
 */
public final class DynamoDbService implements AutoCloseable {

    private final TableRegistry tables;
    private final TableOperations tableOperations;
    private final ItemOperations itemOperations;
    private final ReadOperations readOperations;
    private final TransactionOperations transactionOperations;
    private final TimeToLiveSweeper sweeper;

    public DynamoDbService(CloudContext context) {
        this.tables = new TableRegistry(context.storage(), context.clock(), context.timing());
        this.tableOperations = new TableOperations(tables, context.accountId());
        this.itemOperations = new ItemOperations(tables);
        this.readOperations = new ReadOperations(tables);
        this.transactionOperations = new TransactionOperations(tables);
        this.sweeper = new TimeToLiveSweeper(tables);
    }

    /**
     * Runs one operation ("PutItem", ...) on its parsed request body, once the body has passed
     * the service model's checks (JSON types, then every parameter's constraints). Stored items appear in
     * the answer as pre-rendered raw JSON values (written out as they are, not walkable as a
     * tree): serialise the answer before reading items from it.
     *
     * @param region the region the caller signed for; it goes into the ARNs of new tables
     */
    public ObjectNode call(String operation, JsonNode request, String region) {
        RequestValidator.validate(operation, request);
        return switch (operation) {
            case "CreateTable" -> tableOperations.createTable(request, region);
            case "DescribeTable" -> tableOperations.describeTable(request);
            case "ListTables" -> tableOperations.listTables(request);
            case "UpdateTable" -> tableOperations.updateTable(request);
            case "DeleteTable" -> tableOperations.deleteTable(request);
            case "TagResource" -> tableOperations.tagResource(request);
            case "UntagResource" -> tableOperations.untagResource(request);
            case "ListTagsOfResource" -> tableOperations.listTagsOfResource(request);
            case "DescribeTimeToLive" -> tableOperations.describeTimeToLive(request);
            case "UpdateTimeToLive" -> tableOperations.updateTimeToLive(request);
            case "PutItem" -> itemOperations.putItem(request);
            case "GetItem" -> itemOperations.getItem(request);
            case "UpdateItem" -> itemOperations.updateItem(request);
            case "DeleteItem" -> itemOperations.deleteItem(request);
            case "BatchGetItem" -> itemOperations.batchGetItem(request);
            case "BatchWriteItem" -> itemOperations.batchWriteItem(request);
            case "Query" -> readOperations.query(request);
            case "Scan" -> readOperations.scan(request);
            case "TransactWriteItems" -> transactionOperations.transactWriteItems(request);
            case "TransactGetItems" -> transactionOperations.transactGetItems(request);
            default -> throw new AwsException("UnknownOperationException", 400,
                    "localcloud's DynamoDB does not support the operation " + operation);
        };
    }

    @Override
    public void close() {
        sweeper.close();
    }
}
