using Microsoft.DurableTask;

namespace DpoPipeline.Workflow.Hosting;

/// <summary>An orchestrator or activity of the workflow as both hosts must bind it: by name, with its payload types.</summary>
public interface IWorkflowTask
{
    string Name { get; }

    Type InputType { get; }

    Type OutputType { get; }

    void Register(DurableTaskRegistry registry);
}
